package dev.passwordreset.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Shared fixtures: a GreenMail on a loopback port, notifications, a notifier pointing at it. */
final class MailTestSupport {
  static final String LINK = "https://shop.example/password/reset?token=Tok3n-_xyz&store=b2b";
  static final String LINK_IN_HTML =
      "https://shop.example/password/reset?token=Tok3n-_xyz&amp;store=b2b";
  static final String TOKEN = "Tok3n-_xyz";
  static final Instant EXPIRES = Instant.parse("2026-03-10T14:30:00Z");

  /** The reset code of {@link NotificationType#RESET_CODE} notifications; shown as "4071 8263". */
  static final String CODE = "40718263";

  static final String CODE_GROUPED = "4071 8263";

  private MailTestSupport() {}

  static GreenMailExtension greenMail() {
    return new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
  }

  static Notification notification(
      NotificationType type, Locale locale, @Nullable String displayName) {
    boolean code = type == NotificationType.RESET_CODE;
    boolean link = type != NotificationType.PASSWORD_CHANGED && !code;
    return new Notification(
        type,
        new CustomerId("c-42"),
        "jane.doe@example.com",
        displayName,
        locale,
        link ? LINK : null,
        link || code ? EXPIRES : null,
        null,
        code ? CODE : null);
  }

  static JakartaMailNotifier.Builder notifierFor(GreenMailExtension greenMail) {
    return JakartaMailNotifier.builder()
        .host("127.0.0.1")
        .port(greenMail.getSmtp().getPort())
        .security(SmtpSecurity.NONE)
        .from("no-reply@shop.example", "Boutique Été")
        .replyTo("support@shop.example");
  }

  static JakartaMailNotifier.Builder notifierFor(ScriptedSmtpServer server) {
    return JakartaMailNotifier.builder()
        .host("127.0.0.1")
        .port(server.port())
        .security(SmtpSecurity.NONE)
        .from("no-reply@shop.example", "Example Shop");
  }
}
