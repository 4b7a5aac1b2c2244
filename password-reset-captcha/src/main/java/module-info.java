import org.jspecify.annotations.NullMarked;

/**
 * Ready {@link dev.passwordreset.api.HumanVerifier} implementations for Cloudflare Turnstile,
 * hCaptcha and Google reCAPTCHA (v2 checkbox and v3 score), over {@code java.net.http}, reading the
 * providers' JSON answers with Jackson.
 */
@NullMarked
module dev.passwordreset.captcha {
  requires transitive dev.passwordreset.api;
  requires static transitive org.jspecify;
  requires java.net.http;
  requires tools.jackson.databind;
  requires tools.jackson.core;
  requires org.slf4j;

  exports dev.passwordreset.captcha;
}
