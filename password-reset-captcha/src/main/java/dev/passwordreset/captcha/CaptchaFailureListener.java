package dev.passwordreset.captcha;

/**
 * Told each time a captcha provider could not give a usable answer: where a host counts or alerts
 * on provider failures (the Spring adapter counts {@code password.reset.captcha.failures}, tagged
 * {@code provider} and {@code reason}).
 *
 * <p>Called on the thread of the {@code verify} call, after the decision; it must be quick,
 * thread-safe, and should not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface CaptchaFailureListener {

  /** A listener that does nothing. */
  CaptchaFailureListener NONE = failure -> {};

  /**
   * A provider failure happened.
   *
   * @param failure what failed, never null
   */
  void onFailure(CaptchaFailure failure);
}
