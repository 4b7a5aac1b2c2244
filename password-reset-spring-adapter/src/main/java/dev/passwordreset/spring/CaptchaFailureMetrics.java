package dev.passwordreset.spring;

import dev.passwordreset.captcha.CaptchaFailure;
import dev.passwordreset.captcha.CaptchaFailureListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts captcha provider failures: {@code password.reset.captcha.failures}, tagged {@code
 * provider} (turnstile, hcaptcha, recaptcha, recaptcha-v3), {@code reason} (timeout, network,
 * http-status, oversized, malformed, misconfigured) and {@code outcome} (refused, or let-through
 * with fail-open). Thread-safe.
 */
final class CaptchaFailureMetrics implements CaptchaFailureListener {
  static final String NAME = "password.reset.captcha.failures";

  private final MeterRegistry registry;

  CaptchaFailureMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onFailure(CaptchaFailure failure) {
    Counter.builder(NAME)
        .description("Captcha provider failures (no usable answer)")
        .tag("provider", failure.provider().id())
        .tag("reason", failure.reason().tag())
        .tag("outcome", failure.failedOpen() ? "let-through" : "refused")
        .register(registry)
        .increment();
  }
}
