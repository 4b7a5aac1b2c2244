/**
 * Throttles: limits per sliding window ({@link dev.passwordreset.core.throttle.ThrottleLimit}), the
 * account protection from password guessing ({@link
 * dev.passwordreset.core.throttle.LoginProtection}) and the in-memory {@link
 * dev.passwordreset.api.ThrottleStore}.
 */
@NullMarked
package dev.passwordreset.core.throttle;

import org.jspecify.annotations.NullMarked;
