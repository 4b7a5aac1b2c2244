package dev.passwordreset.core.policy;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code breached-password}: the password must not appear in known data breaches (NIST SP 800-63B
 * §3.1.1.2, OWASP ASVS 5.0 6.2.12), as told by a {@link BreachedPasswordChecker}, for example
 * {@link HaveIBeenPwnedClient}. Add it to a policy with {@link
 * RuleBasedPasswordPolicy.Builder#rule(PasswordRule)}:
 *
 * <pre>{@code
 * RuleBasedPasswordPolicy.nist().toBuilder()
 *     .rule(BreachedPasswordRule.failOpen(HaveIBeenPwnedClient.builder().build()))
 *     .build();
 * }</pre>
 *
 * <p>When the checker cannot answer (it throws), the rule either <b>fails open</b> (the password
 * passes this rule, the failure is logged without the password; the other rules still apply) or
 * <b>fails closed</b> (a violation with id {@value #UNAVAILABLE_ID} asks the customer to try again
 * in a moment). Failing open keeps resets working while the service is down; failing closed never
 * accepts an unchecked password.
 *
 * <p>Immutable and thread-safe if the checker is. The check runs on the caller's thread, so its
 * cost (for the HIBP client, one HTTPS round trip bounded by its timeouts) adds to the reset.
 */
public final class BreachedPasswordRule implements PasswordRule {

  /** The rule's id, for a password found in breaches. */
  public static final String ID = "breached-password";

  /** The id of the violation given when the check could not be made and the rule fails closed. */
  public static final String UNAVAILABLE_ID = "breached-password-unavailable";

  private static final Logger log = LoggerFactory.getLogger(BreachedPasswordRule.class);

  /** What the rule does when its checker cannot answer. */
  public enum FailureMode {
    /** The password passes this rule; the failure is logged. */
    OPEN,
    /** The password is refused with a {@value BreachedPasswordRule#UNAVAILABLE_ID} violation. */
    CLOSED
  }

  private final BreachedPasswordChecker checker;
  private final FailureMode failureMode;
  private final long threshold;

  /**
   * Creates the rule.
   *
   * @param checker tells how often a password was breached
   * @param failureMode what to do when the checker cannot answer
   * @param threshold the number of appearances from which a password is refused; at least 1 (1
   *     refuses every breached password, as NIST and ASVS ask)
   * @throws NullPointerException if {@code checker} or {@code failureMode} is null
   * @throws IllegalArgumentException if {@code threshold} is below 1
   */
  public BreachedPasswordRule(
      BreachedPasswordChecker checker, FailureMode failureMode, long threshold) {
    this.checker = Objects.requireNonNull(checker, "checker must not be null");
    this.failureMode = Objects.requireNonNull(failureMode, "failureMode must not be null");
    if (threshold < 1) {
      throw new InvalidSettingException("threshold", threshold, "must be at least 1");
    }
    this.threshold = threshold;
  }

  /**
   * A rule refusing every breached password and letting a password pass when the checker fails.
   *
   * @param checker the checker
   * @return the rule
   * @throws NullPointerException if {@code checker} is null
   */
  public static BreachedPasswordRule failOpen(BreachedPasswordChecker checker) {
    return new BreachedPasswordRule(checker, FailureMode.OPEN, 1);
  }

  /**
   * A rule refusing every breached password, and every password when the checker fails.
   *
   * @param checker the checker
   * @return the rule
   * @throws NullPointerException if {@code checker} is null
   */
  public static BreachedPasswordRule failClosed(BreachedPasswordChecker checker) {
    return new BreachedPasswordRule(checker, FailureMode.CLOSED, 1);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Asks the checker; never throws for any candidate or checker failure.
   *
   * @param candidate the password; not modified, kept or logged
   * @param context the language of the message
   * @return a {@value #ID} violation if breached, a {@value #UNAVAILABLE_ID} one if the checker
   *     failed and the rule fails closed, else empty
   */
  @Override
  public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
    long count;
    try {
      count = checker.breachCount(candidate);
    } catch (RuntimeException e) {
      // The exception's message is the checker's, which must not hold the password; the stack
      // trace is left out so that nothing a broken checker attached can reach the log.
      log.warn(
          "The breached-password check could not be made ({}: {}); failing {}",
          e.getClass().getSimpleName(),
          e.getMessage(),
          failureMode == FailureMode.OPEN ? "open" : "closed");
      return failureMode == FailureMode.OPEN
          ? Optional.empty()
          : Optional.of(
              new PolicyViolation(
                  UNAVAILABLE_ID,
                  Messages.format(context.locale(), UNAVAILABLE_ID + ".violation")));
    }
    return count >= threshold
        ? Optional.of(new PolicyViolation(ID, Messages.format(context.locale(), ID + ".violation")))
        : Optional.empty();
  }

  @Override
  public Optional<String> describe(Locale locale) {
    return Optional.of(Messages.format(locale, ID + ".description"));
  }

  /**
   * The failure mode.
   *
   * @return what the rule does when the checker cannot answer
   */
  public FailureMode failureMode() {
    return failureMode;
  }

  @Override
  public String toString() {
    return ID + "(fail-" + failureMode.name().toLowerCase(Locale.ROOT) + ")";
  }
}
