package dev.passwordreset.core;

import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.ResetOutcome;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The few messages the engine itself says (the policy says the rest), in English and French. */
final class EngineMessages {
  private static final String BUNDLE = "dev.passwordreset.core.messages";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private EngineMessages() {}

  static PolicyViolation tooLong(Locale locale, int max) {
    return new PolicyViolation("max-length", format(locale, "max-length", max));
  }

  static PolicyViolation sameAsCurrent(Locale locale) {
    return new PolicyViolation("same-as-current", format(locale, "same-as-current"));
  }

  /** The password typed again to confirm a pending one is not the one chosen. */
  static PolicyViolation confirmationMismatch(Locale locale) {
    return new PolicyViolation(
        ResetOutcome.CONFIRMATION_MISMATCH, format(locale, ResetOutcome.CONFIRMATION_MISMATCH));
  }

  /** A pending password was confirmed without typing it again (the deprecated call). */
  static PolicyViolation confirmationRequired(Locale locale) {
    return new PolicyViolation(
        ResetOutcome.CONFIRMATION_REQUIRED, format(locale, ResetOutcome.CONFIRMATION_REQUIRED));
  }

  private static String format(Locale locale, String key, Object... args) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK);
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }
}
