package dev.passwordreset.captcha;

import java.net.URI;

/**
 * The captcha services a {@link CaptchaVerifier} can ask, each with its documented {@code
 * siteverify} endpoint.
 *
 * <p>All four take the same form fields ({@code secret}, {@code response}, {@code remoteip};
 * hCaptcha also {@code sitekey}) and answer JSON with {@code success}, {@code hostname}, {@code
 * challenge_ts} and {@code error-codes}; reCAPTCHA v3 adds {@code score} and {@code action},
 * Turnstile adds {@code action}.
 */
public enum CaptchaProvider {
  /** Cloudflare Turnstile: {@code https://challenges.cloudflare.com/turnstile/v0/siteverify}. */
  TURNSTILE("turnstile", "https://challenges.cloudflare.com/turnstile/v0/siteverify"),
  /** hCaptcha: {@code https://api.hcaptcha.com/siteverify}. */
  HCAPTCHA("hcaptcha", "https://api.hcaptcha.com/siteverify"),
  /**
   * Google reCAPTCHA v2 (the "I'm not a robot" checkbox, or invisible v2): {@code
   * https://www.google.com/recaptcha/api/siteverify} (where google.com is blocked, {@code
   * https://www.recaptcha.net/recaptcha/api/siteverify} through {@link
   * CaptchaVerifier.Builder#verifyUrl}).
   */
  RECAPTCHA("recaptcha", "https://www.google.com/recaptcha/api/siteverify"),
  /**
   * Google reCAPTCHA v3 (a score, no challenge): the same endpoint as {@link #RECAPTCHA}; the
   * answer's {@code score} must reach the minimum score and its {@code action} must be the expected
   * action.
   */
  RECAPTCHA_V3("recaptcha-v3", "https://www.google.com/recaptcha/api/siteverify");

  private final String id;
  private final URI verifyUrl;

  CaptchaProvider(String id, String verifyUrl) {
    this.id = id;
    this.verifyUrl = URI.create(verifyUrl);
  }

  /**
   * The provider's short name, as in configuration and metric tags: {@code turnstile}, {@code
   * hcaptcha}, {@code recaptcha} or {@code recaptcha-v3}.
   *
   * @return the name, never null
   */
  public String id() {
    return id;
  }

  /**
   * The provider's documented {@code siteverify} endpoint.
   *
   * @return the URL, never null
   */
  public URI defaultVerifyUrl() {
    return verifyUrl;
  }
}
