package dev.passwordreset.core.policy;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code email-local-part}: the password must not contain, ignoring case, the part of the email
 * address before the last {@code @} (nor, for {@code jane.doe+shop@example.com}, the part before
 * the {@code +}), when that part has at least 3 code points. No email in the context: satisfied.
 */
final class EmailLocalPartRule implements PasswordRule {
  static final String ID = "email-local-part";
  static final EmailLocalPartRule INSTANCE = new EmailLocalPartRule();

  private static final int MIN_LOCAL_PART = 3;

  /** RFC 5321 allows 64; longer text cannot be a real local part and is not searched. */
  private static final int MAX_LOCAL_PART = 256;

  private EmailLocalPartRule() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
    @Nullable String email = context.email();
    if (email == null) {
      return Optional.empty();
    }
    int at = email.lastIndexOf('@');
    String local = (at < 0 ? email : email.substring(0, at)).strip();
    if (local.length() > MAX_LOCAL_PART) {
      return Optional.empty();
    }
    int plus = local.indexOf('+');
    int[] whole = CodePoints.lowerCase(local);
    int[] base = plus > 0 ? CodePoints.lowerCase(local.substring(0, plus)) : whole;
    if (base.length < MIN_LOCAL_PART && whole.length < MIN_LOCAL_PART) {
      return Optional.empty();
    }
    int[] password = CodePoints.lowerCase(candidate);
    try {
      boolean found =
          (whole.length >= MIN_LOCAL_PART && CodePoints.contains(password, whole))
              || (base.length >= MIN_LOCAL_PART && CodePoints.contains(password, base));
      return found
          ? Optional.of(
              new PolicyViolation(ID, Messages.format(context.locale(), ID + ".violation")))
          : Optional.empty();
    } finally {
      Arrays.fill(password, 0);
    }
  }

  @Override
  public Optional<String> describe(Locale locale) {
    return Optional.of(Messages.format(locale, ID + ".description"));
  }

  @Override
  public String toString() {
    return ID;
  }
}
