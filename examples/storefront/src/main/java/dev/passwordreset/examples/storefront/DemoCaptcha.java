package dev.passwordreset.examples.storefront;

import dev.passwordreset.captcha.CaptchaProvider;
import dev.passwordreset.captcha.CaptchaVerifier;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The captcha the demo's "Forgot your password?" page asks, chosen by the property {@code
 * demo.captcha}: {@code fake} (the default: type the word {@value DemoSettings#CAPTCHA_WORD}; works
 * offline), or a real provider with the test keys it publishes, which always pass but need the
 * internet: {@code turnstile}, {@code hcaptcha}, {@code recaptcha} (v2 checkbox). The real ones are
 * checked by the library's {@link CaptchaVerifier} (password-reset-captcha), fail-closed: offline,
 * every request is refused.
 */
public enum DemoCaptcha {
  /** The demo's own stand-in: type a word. */
  FAKE(null, "", "", "", "", ""),
  /** Cloudflare Turnstile's test keys ("always passes"). */
  TURNSTILE(
      CaptchaProvider.TURNSTILE,
      "1x00000000000000000000AA",
      "1x0000000000000000000000000000000AA",
      "https://challenges.cloudflare.com/turnstile/v0/api.js",
      "cf-turnstile",
      "cf-turnstile-response"),
  /** hCaptcha's test keys. */
  HCAPTCHA(
      CaptchaProvider.HCAPTCHA,
      "10000000-ffff-ffff-ffff-000000000001",
      "0x0000000000000000000000000000000000000000",
      "https://js.hcaptcha.com/1/api.js",
      "h-captcha",
      "h-captcha-response"),
  /** Google reCAPTCHA v2's test keys. */
  RECAPTCHA(
      CaptchaProvider.RECAPTCHA,
      "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
      "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
      "https://www.google.com/recaptcha/api.js",
      "g-recaptcha",
      "g-recaptcha-response");

  private final @Nullable CaptchaProvider provider;
  private final String siteKey;
  private final String testSecret;
  private final String script;
  private final String widgetClass;
  private final String field;

  DemoCaptcha(
      @Nullable CaptchaProvider provider,
      String siteKey,
      String testSecret,
      String script,
      String widgetClass,
      String field) {
    this.provider = provider;
    this.siteKey = siteKey;
    this.testSecret = testSecret;
    this.script = script;
    this.widgetClass = widgetClass;
    this.field = field;
  }

  /**
   * The captcha a {@code demo.captcha} value names.
   *
   * @param value {@code fake}, {@code turnstile}, {@code hcaptcha} or {@code recaptcha}
   * @return the captcha
   * @throws IllegalArgumentException naming {@code demo.captcha} for another value
   */
  public static DemoCaptcha of(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "demo.captcha must be fake, turnstile, hcaptcha or recaptcha, was " + value, e);
    }
  }

  /**
   * The library's verifier for a real provider, with the provider's test keys.
   *
   * @return the verifier, or {@code null} for the fake
   */
  @Nullable CaptchaVerifier verifier() {
    CaptchaProvider p = provider;
    if (p == null) {
      return null;
    }
    return CaptchaVerifier.builder(p).secret(testSecret).siteKey(siteKey).build();
  }

  /**
   * Whether this is the demo's own fake.
   *
   * @return {@code true} for {@link #FAKE}
   */
  public boolean fake() {
    return provider == null;
  }

  /**
   * The widget's public test site key.
   *
   * @return the key, empty for the fake
   */
  public String siteKey() {
    return siteKey;
  }

  /**
   * The provider's widget script.
   *
   * @return the URL, empty for the fake
   */
  public String script() {
    return script;
  }

  /**
   * The CSS class of the widget's container.
   *
   * @return the class, empty for the fake
   */
  public String widgetClass() {
    return widgetClass;
  }

  /**
   * The form field the widget fills with its token.
   *
   * @return the field's name, empty for the fake
   */
  public String field() {
    return field;
  }
}
