package dev.passwordreset.examples.storefront.security;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.examples.storefront.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs customers in to one store through the library's {@link PasswordResetService#checkLogin}:
 * the library owns the hashes, so it answers whether a password is the customer's. {@code
 * MustChange} (a temporary password typed by an agent) signs in with {@link
 * CustomerPrincipal#mustChange()}, which sends the customer to the change page until changed; the
 * other outcomes are login errors that say what to do.
 *
 * <p>Thread-safe.
 */
public final class CustomerAuthenticationProvider implements AuthenticationProvider {
  /** The authority of a signed-in customer. */
  public static final GrantedAuthority CUSTOMER = new SimpleGrantedAuthority("ROLE_CUSTOMER");

  private final PasswordResetService service;
  private final CustomerStore customers;
  private final Store store;
  private final Predicate<CustomerId> member;

  CustomerAuthenticationProvider(
      PasswordResetService service,
      CustomerStore customers,
      Store store,
      Predicate<CustomerId> member) {
    this.service = service;
    this.customers = customers;
    this.store = store;
    this.member = member;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String email = authentication.getName();
    Object credentials = authentication.getCredentials();
    char[] password = credentials == null ? new char[0] : credentials.toString().toCharArray();
    String client =
        authentication.getDetails() instanceof WebAuthenticationDetails d
                && d.getRemoteAddress() != null
            ? d.getRemoteAddress()
            : "unknown";
    RequestContext ctx = RequestContext.of(client).withStorefront(store.storefront());
    LoginCheck check = service.checkLogin(email, password, ctx); // clears the password
    if (check instanceof LoginCheck.Valid v) {
      return signedIn(v.customerId(), false, null);
    }
    if (check instanceof LoginCheck.MustChange m) {
      return signedIn(m.customerId(), true, m.changeToken());
    }
    if (check instanceof LoginCheck.TemporaryExpired) {
      throw new CredentialsExpiredException(
          "Your temporary password has expired. Use \"Forgot your password?\" below to choose"
              + " a new one, or ask customer service for a new temporary password.");
    }
    if (check instanceof LoginCheck.Throttled t) {
      throw new LockedException(
          "Too many sign-in attempts. Please wait "
              + minutes(t.retryAfter())
              + " and try again, or use \"Forgot your password?\".");
    }
    if (check instanceof LoginCheck.Locked) {
      throw new LockedException(
          "Too many failed sign-in attempts for this account. To sign in again, choose a new"
              + " password with \"Forgot your password?\".");
    }
    throw new BadCredentialsException(
        "That email and password do not match. Check both, or use \"Forgot your password?\".");
  }

  /**
   * Signs in a customer whose password was right. The store's membership is asked only now, after
   * the library's check, so that a non-member takes the same time as anyone else; being told "not a
   * member" after typing the right password reveals nothing the typist did not know.
   */
  private Authentication signedIn(CustomerId id, boolean mustChange, @Nullable String changeToken) {
    if (!member.test(id)) {
      throw new BadCredentialsException(
          "This store is for trade customers. Your account belongs to the public shop: please"
              + " sign in there.");
    }
    CustomerAccount account =
        customers
            .findById(id)
            .orElseThrow(() -> new BadCredentialsException("This account no longer exists."));
    CustomerPrincipal principal =
        new CustomerPrincipal(
            id.value(), account.email(), account.displayName(), store, mustChange, changeToken);
    return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of(CUSTOMER));
  }

  static String minutes(Duration d) {
    long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
    return minutes == 1 ? "a minute" : minutes + " minutes";
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
