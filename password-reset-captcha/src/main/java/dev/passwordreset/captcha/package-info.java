/**
 * Captcha verifiers: {@link dev.passwordreset.captcha.CaptchaVerifier} checks a widget's answer
 * with the provider's {@code siteverify} endpoint, fail-closed by default. Internals (the bounded
 * body reader, the replay guard, the answer parser) live in a package the module does not export.
 */
@NullMarked
package dev.passwordreset.captcha;

import org.jspecify.annotations.NullMarked;
