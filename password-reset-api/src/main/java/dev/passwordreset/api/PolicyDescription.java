package dev.passwordreset.api;

import java.util.List;
import java.util.Locale;

/**
 * The password policy described up front, so a form can show the guidance before the customer
 * types.
 *
 * @param locale the language of the texts
 * @param minLength the smallest accepted length, in code points
 * @param maxLength the largest accepted length, in code points
 * @param requirements one sentence a rule, localized, e.g. "At least one capital letter (A-Z)."
 */
public record PolicyDescription(
    Locale locale, int minLength, int maxLength, List<String> requirements) {

  /**
   * Creates a description.
   *
   * @param locale the language of the texts
   * @param minLength the smallest accepted length, in code points
   * @param maxLength the largest accepted length, in code points
   * @param requirements one sentence a rule, localized, e.g. "At least one capital letter (A-Z)."
   * @throws IllegalArgumentException if the lengths are negative or out of order
   */
  public PolicyDescription {
    Checks.notNull(locale, "locale");
    if (minLength < 0 || maxLength < minLength) {
      throw new IllegalArgumentException(
          "lengths must satisfy 0 <= minLength <= maxLength, were " + minLength + ", " + maxLength);
    }
    requirements = List.copyOf(Checks.notNull(requirements, "requirements"));
  }
}
