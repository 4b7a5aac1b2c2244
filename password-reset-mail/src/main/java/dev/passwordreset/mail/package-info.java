/**
 * Email for password-reset flows: {@link dev.passwordreset.mail.JakartaMailNotifier} sends over
 * SMTP with Jakarta Mail, in each storefront's {@link dev.passwordreset.mail.Brand}, with shipped
 * wording in eight languages ({@link dev.passwordreset.mail.TemplateMailRenderer}) that a host can
 * replace per storefront and language on the class path or through a {@link
 * dev.passwordreset.mail.MailTemplateRenderer}.
 *
 * <p>No class here ever logs or puts into an exception message a notification's link or reset code:
 * each is a live credential.
 */
@NullMarked
package dev.passwordreset.mail;

import org.jspecify.annotations.NullMarked;
