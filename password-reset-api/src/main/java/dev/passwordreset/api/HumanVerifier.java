package dev.passwordreset.api;

import org.jspecify.annotations.Nullable;

/**
 * SPI: a captcha check for storefront requests. When configured, the engine consults it before
 * anything else; a refusal is answered {@code CaptchaFailed}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HumanVerifier {

  /**
   * Whether the captcha response proves a human.
   *
   * @param captchaResponse what the widget returned, or {@code null} if the form sent none
   * @param context the request
   * @return {@code true} to go on
   * @throws PasswordResetException if the verification service fails
   */
  boolean verify(@Nullable String captchaResponse, RequestContext context);
}
