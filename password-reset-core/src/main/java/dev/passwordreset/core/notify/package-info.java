/**
 * Notifiers that need nothing beyond core: {@link dev.passwordreset.core.notify.LoggingNotifier}
 * only logs, for development. Email over SMTP is the {@code password-reset-mail} module's {@code
 * dev.passwordreset.mail.JakartaMailNotifier}.
 *
 * <p>No class here ever logs or puts into an exception message a notification's link: it is a live
 * credential.
 */
@NullMarked
package dev.passwordreset.core.notify;

import org.jspecify.annotations.NullMarked;
