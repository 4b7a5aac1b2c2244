package dev.passwordreset.core.policy;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import java.util.Optional;

/**
 * One rule of a {@link RuleBasedPasswordPolicy}. The built-in rules implement it, and a host adds
 * its own with {@link RuleBasedPasswordPolicy.Builder#rule(PasswordRule)}, for example a check
 * against a breached-password service or a ban on the shop's name.
 *
 * <p>Implementations must be thread-safe, must not modify, keep or log the candidate, should not
 * throw for any candidate (an exception propagates to the caller of {@link
 * RuleBasedPasswordPolicy#check}), and should avoid making a {@code String} of it.
 */
public interface PasswordRule {

  /**
   * A stable identifier, used as {@link PolicyViolation#rule()}, e.g. {@code "min-length"}. Hosts
   * map it to their own wording or analytics, so it must not change between releases.
   *
   * @return a non-blank identifier, unique within a policy
   */
  String id();

  /**
   * Checks a candidate password.
   *
   * @param candidate the password, NFKC-normalized by the engine; any length or content, including
   *     empty and unpaired surrogates; must not be modified
   * @param context who chooses it and the language of the message
   * @return the violation, with a message in {@code context.locale()} that tells how to fix the
   *     password and never contains it; empty if the rule is satisfied
   */
  Optional<PolicyViolation> check(char[] candidate, PolicyContext context);

  /**
   * One sentence describing the rule up front, e.g. "At least one capital letter (A-Z)."
   *
   * @param locale the language
   * @return the sentence, or empty if the rule should not be listed
   */
  Optional<String> describe(Locale locale);
}
