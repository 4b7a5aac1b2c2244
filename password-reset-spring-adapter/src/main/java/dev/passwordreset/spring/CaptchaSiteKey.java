package dev.passwordreset.spring;

import java.util.Objects;

/**
 * What a page needs to show the configured captcha widget: the provider's name and the public site
 * key. A bean when {@code password-reset.captcha.provider} is set (inject it into the controller
 * that renders the "Forgot your password?" page); the JSON endpoints answer it at {@code GET
 * {base-path}/captcha}. Holds no secret.
 *
 * @param provider the provider's name: {@code turnstile}, {@code hcaptcha}, {@code recaptcha} or
 *     {@code recaptcha-v3}
 * @param siteKey the public site key
 */
public record CaptchaSiteKey(String provider, String siteKey) {

  /**
   * Creates the value.
   *
   * @param provider the provider's name
   * @param siteKey the public site key
   * @throws NullPointerException if either is null
   */
  public CaptchaSiteKey {
    Objects.requireNonNull(provider, "provider must not be null");
    Objects.requireNonNull(siteKey, "siteKey must not be null");
  }
}
