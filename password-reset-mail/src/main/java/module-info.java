import org.jspecify.annotations.NullMarked;

/**
 * Email for the password-reset flows over SMTP with Jakarta Mail: {@link
 * dev.passwordreset.mail.JakartaMailNotifier}, the {@link dev.passwordreset.mail.MailComposer} that
 * every notifier of the library writes its messages with, and the templates. The package {@code
 * dev.passwordreset.mail.internal} is not exported. Angus Mail, the Jakarta Mail implementation, is
 * needed at run time only and found as a service; this module does not read it.
 */
@NullMarked
module dev.passwordreset.mail {
  // Notification, Notifier and NotificationException are in this module's API.
  requires transitive dev.passwordreset.api;
  // MimeMessage and Session are in MailComposer's API.
  requires transitive jakarta.mail;
  // Annotations only (compile time); @Nullable appears in the API, so readers see it too.
  requires static transitive org.jspecify;

  exports dev.passwordreset.mail;
}
