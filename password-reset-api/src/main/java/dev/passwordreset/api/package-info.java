/**
 * The public contract of password-reset: the {@link dev.passwordreset.api.PasswordResetService} a
 * host calls, the SPIs a host implements ({@link dev.passwordreset.api.CustomerStore}, {@link
 * dev.passwordreset.api.TicketStore}, {@link dev.passwordreset.api.Notifier}, ...), and the value
 * types and sealed outcomes they exchange.
 *
 * <p>Everything here is null-marked: a parameter or return value may be {@code null} only where it
 * is annotated {@code @Nullable}. Value types are immutable records that validate their components
 * in their constructors and throw {@link java.lang.IllegalArgumentException} or {@link
 * java.lang.NullPointerException} with a message naming the bad component.
 */
@NullMarked
package dev.passwordreset.api;

import org.jspecify.annotations.NullMarked;
