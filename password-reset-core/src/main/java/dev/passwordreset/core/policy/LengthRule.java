package dev.passwordreset.core.policy;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import java.util.Optional;

/** {@code min-length} and {@code max-length}: the length in code points. */
final class LengthRule implements PasswordRule {
  static final String MIN = "min-length";
  static final String MAX = "max-length";

  private final String id;
  private final int limit;

  private LengthRule(String id, int limit) {
    this.id = id;
    this.limit = limit;
  }

  static LengthRule min(int limit) {
    return new LengthRule(MIN, limit);
  }

  static LengthRule max(int limit) {
    return new LengthRule(MAX, limit);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
    int length = CodePoints.count(candidate);
    boolean broken = id.equals(MIN) ? length < limit : length > limit;
    return broken
        ? Optional.of(
            new PolicyViolation(id, Messages.format(context.locale(), id + ".violation", limit)))
        : Optional.empty();
  }

  @Override
  public Optional<String> describe(Locale locale) {
    return Optional.of(Messages.format(locale, id + ".description", limit));
  }

  @Override
  public String toString() {
    return id + "=" + limit;
  }
}
