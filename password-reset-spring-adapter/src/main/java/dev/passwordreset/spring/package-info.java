/**
 * Spring Boot auto-configuration for password-reset: {@link
 * dev.passwordreset.spring.PasswordResetAutoConfiguration} turns {@code password-reset.*}
 * properties and the host's beans into a {@link dev.passwordreset.api.PasswordResetService}. It
 * holds no reset logic of its own: everything is decided by the core engine.
 */
@NullMarked
package dev.passwordreset.spring;

import org.jspecify.annotations.NullMarked;
