package dev.passwordreset.spring;

import dev.passwordreset.captcha.CaptchaFailureListener;
import dev.passwordreset.captcha.CaptchaProvider;
import dev.passwordreset.captcha.CaptchaVerifier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Feeds {@code password-reset.captcha.*} into the captcha module's builder, each rejected value
 * becoming a problem naming its property. Loaded only when the captcha module is on the class path.
 */
final class CaptchaMapping {
  private static final String PREFIX = "captcha.";

  private CaptchaMapping() {}

  /**
   * The verifier the properties describe; while {@link PropertiesToEngine#checkAll} runs, {@code
   * null} if a property was refused (the problems are collected).
   */
  static @Nullable CaptchaVerifier verifier(
      PasswordResetProperties.Captcha p, CaptchaFailureListener listener) {
    return map(p, listener, true);
  }

  /**
   * Checks the properties as {@link #verifier} maps them, without building a verifier (and its HTTP
   * client).
   */
  static void check(PasswordResetProperties.Captcha p) {
    map(p, CaptchaFailureListener.NONE, false);
  }

  private static @Nullable CaptchaVerifier map(
      PasswordResetProperties.Captcha p, CaptchaFailureListener listener, boolean build) {
    PasswordResetProperties.CaptchaProvider name = p.getProvider();
    if (name == null) {
      return null;
    }
    CaptchaProvider provider = CaptchaProvider.valueOf(name.name());
    CaptchaVerifier.Builder b = CaptchaVerifier.builder(provider).failureListener(listener);
    boolean ok = true;
    ok &= required("secret", p.getSecret(), "the provider's secret key for the site", b::secret);
    ok &= required("site-key", p.getSiteKey(), "the provider's public site key", b::siteKey);
    for (String host : p.getExpectedHostname()) {
      ok &= set("expected-hostname", host, h -> b.expectedHostnames(h));
    }
    if (p.getMinScore() != null) {
      ok &= set("min-score", p.getMinScore(), b::minScore);
    }
    if (p.getExpectedAction() != null) {
      ok &= set("expected-action", p.getExpectedAction(), b::expectedAction);
    } else if (provider == CaptchaProvider.RECAPTCHA_V3) {
      ok &= missing("expected-action", "the action the page's reCAPTCHA v3 call names");
    }
    if (p.getTimeout() != null) {
      ok &= set("timeout", p.getTimeout(), b::timeout);
    }
    if (p.getConnectTimeout() != null) {
      ok &= set("connect-timeout", p.getConnectTimeout(), b::connectTimeout);
    }
    if (p.getVerifyUrl() != null) {
      ok &= set("verify-url", p.getVerifyUrl(), b::verifyUrl);
    }
    b.failOpen(p.isFailOpen());
    if (!ok || !build) {
      return null;
    }
    return PropertiesToEngine.checked("captcha.provider", b::build);
  }

  private static boolean required(
      String property, @Nullable String value, String what, Consumer<String> setter) {
    if (value == null || value.isBlank()) {
      return missing(property, what);
    }
    return set(property, value, setter);
  }

  private static boolean missing(String property, String what) {
    String name = PropertiesToEngine.PREFIX + PREFIX + property;
    PropertiesToEngine.report(
        new PasswordResetConfigurationException(
            name,
            "is not set; password-reset.captcha.provider needs it",
            "Set " + name + " to " + what + ", or unset password-reset.captcha.provider.",
            null));
    return false;
  }

  private static <T> boolean set(String property, T value, Consumer<T> setter) {
    Boolean done =
        PropertiesToEngine.checked(
            PREFIX + property,
            () -> {
              setter.accept(value);
              return Boolean.TRUE;
            });
    return done != null;
  }
}
