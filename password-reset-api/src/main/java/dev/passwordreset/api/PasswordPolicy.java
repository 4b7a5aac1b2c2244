package dev.passwordreset.api;

import java.util.List;
import java.util.Locale;

/**
 * SPI: the rules a new password must follow, each explaining itself. Core ships a rule-based
 * implementation with the platform defaults and a NIST SP 800-63B preset.
 *
 * <p>Implementations must be thread-safe, must not keep or log the candidate, and must not modify
 * the array they are given.
 */
public interface PasswordPolicy {

  /**
   * Checks a candidate password.
   *
   * @param candidate the password, already NFKC-normalized by the engine; not modified
   * @param context who chooses it, and the language for the messages
   * @return every broken rule, with guidance; empty if the password is acceptable
   */
  List<PolicyViolation> check(char[] candidate, PolicyContext context);

  /**
   * Describes the policy up front.
   *
   * @param locale the language
   * @return the description
   */
  PolicyDescription describe(Locale locale);
}
