package dev.passwordreset.api;

/**
 * One rule of the password policy that a candidate password breaks.
 *
 * @param rule a stable identifier of the rule, e.g. {@code "uppercase"} or {@code "min-length"},
 *     for hosts that map rules to their own wording
 * @param message the rule's explanation, localized, saying how to fix the password; never contains
 *     the password
 */
public record PolicyViolation(String rule, String message) {

  /**
   * Creates a violation.
   *
   * @param rule a stable identifier of the rule, e.g. {@code "uppercase"} or {@code "min-length"},
   *     for hosts that map rules to their own wording
   * @param message the rule's explanation, localized, saying how to fix the password; never
   *     contains the password
   * @throws IllegalArgumentException if either text is blank
   */
  public PolicyViolation {
    Checks.notBlank(rule, "rule");
    Checks.notBlank(message, "message");
  }
}
