/**
 * Email for password-reset flows: {@link dev.passwordreset.core.mail.JakartaMailNotifier} sends
 * over SMTP with Jakarta Mail, rendering built-in English and French templates that a host can
 * replace on the class path or through a {@link dev.passwordreset.core.mail.MailTemplateRenderer};
 * {@link dev.passwordreset.core.mail.LoggingNotifier} only logs, for development.
 *
 * <p>No class here ever logs or puts into an exception message a notification's link: it is a live
 * credential.
 */
@NullMarked
package dev.passwordreset.core.mail;

import org.jspecify.annotations.NullMarked;
