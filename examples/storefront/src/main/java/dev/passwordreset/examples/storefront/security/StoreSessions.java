package dev.passwordreset.examples.storefront.security;

import dev.passwordreset.examples.storefront.store.Store;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;

/**
 * One sign-in per area: the shop, the B2B store and the back office each keep their security
 * context under their own session key, so a customer signed in to the shop is not signed in to the
 * B2B store, and an agent and a customer can use one browser side by side (handy in a demo).
 *
 * <p>Thread-safe.
 */
@Component
public class StoreSessions {
  /** The back office's area name. */
  public static final String BACK_OFFICE = "backoffice";

  /** Created by Spring. */
  public StoreSessions() {}

  /**
   * Where an area keeps its security context.
   *
   * @param area {@code shop}, {@code b2b} or {@value #BACK_OFFICE}
   * @return the repository
   */
  public HttpSessionSecurityContextRepository repository(String area) {
    HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    repository.setSpringSecurityContextKey(contextKey(area));
    return repository;
  }

  /**
   * Where an area remembers the page asked for before its login page.
   *
   * @param area the area
   * @return the request cache
   */
  public HttpSessionRequestCache requestCache(String area) {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setSessionAttrName("DEMO_SAVED_REQUEST_" + area.toUpperCase(Locale.ROOT));
    return cache;
  }

  /**
   * Signs out of one area only.
   *
   * @param area the area
   * @return the logout handler
   */
  public LogoutHandler signOut(String area) {
    return (request, response, authentication) -> {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.removeAttribute(contextKey(area));
      }
    };
  }

  /**
   * Signs a customer in to a store (after a completed reset, or to drop the must-change mark after
   * a change). A new session id is issued, as at every sign-in.
   *
   * @param principal the customer
   * @param request the request
   * @param response the response
   */
  public void signIn(
      CustomerPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, List.of(CustomerAuthenticationProvider.CUSTOMER)));
    SecurityContextHolder.setContext(context);
    repository(principal.store().path()).saveContext(context, request, response);
  }

  /**
   * The store of an area name.
   *
   * @param store the store
   * @return its area name
   */
  public static String area(Store store) {
    return store.path();
  }

  private static String contextKey(String area) {
    return "DEMO_SECURITY_CONTEXT_" + area.toUpperCase(Locale.ROOT);
  }
}
