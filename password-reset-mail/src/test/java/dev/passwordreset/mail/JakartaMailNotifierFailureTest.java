package dev.passwordreset.mail;

import static dev.passwordreset.mail.MailTestSupport.TOKEN;
import static dev.passwordreset.mail.MailTestSupport.notification;
import static dev.passwordreset.mail.MailTestSupport.notifierFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How SMTP failures reach the caller: permanent (5xx, bad address, refused credentials) or
 * transient (4xx, unreachable, silent), never with the link; and how the connection is protected.
 */
class JakartaMailNotifierFailureTest {

  private static final Notification RESET =
      notification(NotificationType.RESET_LINK, Locale.ENGLISH, "Jane");

  private static NotificationException failure(JakartaMailNotifier notifier, Notification n) {
    NotificationException e =
        catchThrowableOfType(NotificationException.class, () -> notifier.send(n));
    assertThat(e).as("send must fail with a NotificationException").isNotNull();
    assertThat(e.getMessage()).doesNotContain(TOKEN).contains("RESET_LINK", "c-42");
    return e;
  }

  @ParameterizedTest(name = "{0} {1} -> permanent={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RCPT | 550 5.1.1 No such user here        | true",
        "RCPT | 553 5.1.3 Bad recipient address     | true",
        "MAIL | 550 5.7.1 Sender rejected           | true",
        "END  | 554 5.7.1 Message refused as spam    | true",
        "RCPT | 452 4.2.2 Mailbox full, try later   | false",
        "MAIL | 451 4.3.0 Try again later           | false",
        "END  | 451 4.3.0 Queue full                | false",
        "DATA | 421 4.3.2 Shutting down             | false",
      })
  void smtpReplyCodeDecidesWhetherRetryingMayHelp(String verb, String reply, boolean permanent)
      throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().reply(verb, reply).start()) {
      NotificationException e = failure(notifierFor(server).build(), RESET);
      assertThat(e.permanent()).isEqualTo(permanent);
      assertThat(e.getMessage()).contains(reply.substring(0, 3));
    }
  }

  @Test
  void aRefusedCodeEmailIsReportedWithoutTheCodeAnywhereInTheException() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder().reply("END", "554 5.7.1 Message refused as spam").start()) {
      Notification code = notification(NotificationType.RESET_CODE, Locale.ENGLISH, "Jane");
      NotificationException e =
          catchThrowableOfType(
              NotificationException.class, () -> notifierFor(server).build().send(code));

      assertThat(e).isNotNull();
      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).contains("RESET_CODE", "c-42", "554");
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain(MailTestSupport.CODE);
      assertThat(server.messages()).hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0} -> permanent={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "421 4.3.2 Too busy, come back later | false",
        "554 5.7.1 You are not welcome | true"
      })
  void refusedGreetingDecidesWhetherRetryingMayHelp(String greeting, boolean permanent)
      throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().greeting(greeting).start()) {
      assertThat(failure(notifierFor(server).build(), RESET).permanent()).isEqualTo(permanent);
    }
  }

  @Test
  void serverDownIsTransientAndReportedWithinTheConnectTimeout() throws Exception {
    JakartaMailNotifier notifier =
        JakartaMailNotifier.builder()
            .host("127.0.0.1")
            .port(ScriptedSmtpServer.closedPort())
            .security(SmtpSecurity.NONE)
            .from("no-reply@shop.example", null)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    long start = System.nanoTime();
    NotificationException e = failure(notifier, RESET);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.permanent()).isFalse();
    assertThat(took)
        .as("configured 2 s connect timeout + margin")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void silentServerIsTransientAndReportedWithinTheReadTimeout() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().silent().start()) {
      JakartaMailNotifier notifier = notifierFor(server).readTimeout(Duration.ofSeconds(1)).build();
      long start = System.nanoTime();
      NotificationException e = failure(notifier, RESET);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.permanent()).isFalse();
      assertThat(e.getMessage()).contains("unreachable or too slow");
      assertThat(took).as("configured 1 s read timeout + margin").isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void malformedRecipientAddressIsPermanentAndNothingIsSent() throws Exception {
    Notification bad =
        new Notification(
            NotificationType.RESET_LINK,
            new CustomerId("c-42"),
            "jane doe at example",
            null,
            Locale.ENGLISH,
            MailTestSupport.LINK,
            MailTestSupport.EXPIRES,
            null);
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
      assertThat(failure(notifierFor(server).build(), bad).permanent()).isTrue();
      assertThat(server.commands()).isEmpty();
    }
  }

  @Test
  void refusedCredentialsArePermanentAndTheMessageHidesThePassword() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder()
            .extension("AUTH PLAIN")
            .reply("AUTH", "535 5.7.8 Authentication credentials invalid")
            .start()) {
      JakartaMailNotifier notifier =
          notifierFor(server).authentication("mailer", "s3cret-Pa55").build();
      NotificationException e = failure(notifier, RESET);

      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).doesNotContain("s3cret-Pa55");
      assertThat(notifier.toString()).doesNotContain("s3cret-Pa55").contains("mailer");
      assertThat(server.commands()).contains("AUTH <hidden>").noneMatch(c -> c.startsWith("MAIL"));
    }
  }

  @Test
  void temporaryAuthenticationFailureIsTransient() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder()
            .extension("AUTH PLAIN")
            .reply("AUTH", "454 4.7.0 Temporary authentication failure")
            .start()) {
      JakartaMailNotifier notifier =
          notifierFor(server).authentication("mailer", "s3cret-Pa55").build();
      assertThat(failure(notifier, RESET).permanent()).isFalse();
    }
  }

  @Test
  void acceptedCredentialsAreUsedBeforeSending() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extension("AUTH PLAIN").start()) {
      notifierFor(server).authentication("mailer", "s3cret-Pa55").build().send(RESET);

      assertThat(server.commands()).contains("AUTH <hidden>");
      assertThat(server.commands().indexOf("AUTH <hidden>"))
          .isLessThan(indexOfPrefix(server, "MAIL FROM"));
      assertThat(server.messages()).hasSize(1);
    }
  }

  @Test
  void envelopeSenderIsTheFromAddress() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
      notifierFor(server).build().send(RESET);
      assertThat(server.commands())
          .contains("MAIL FROM:<no-reply@shop.example>", "RCPT TO:<jane.doe@example.com>");
    }
  }

  @Test
  void connectionLostAfterTheServerAcceptedTheMessageIsNotAFailure() throws Exception {
    // Reporting it would make the caller retry, and the customer would get the email twice.
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().hangUpAfterData().start()) {
      assertThatCode(() -> notifierFor(server).build().send(RESET)).doesNotThrowAnyException();
      assertThat(server.messages()).hasSize(1);
    }
  }

  @Test
  void requiredStartTlsThatTheServerDoesNotOfferFailsBeforeTheLinkIsSent() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
      JakartaMailNotifier notifier =
          notifierFor(server).security(SmtpSecurity.STARTTLS_REQUIRED).build();
      failure(notifier, RESET);
      assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
      assertThat(server.messages()).isEmpty();
    }
  }

  @Test
  void optionalStartTlsSendsInPlainTextWhenNotOffered() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
      notifierFor(server).security(SmtpSecurity.STARTTLS_OPTIONAL).build().send(RESET);
      assertThat(server.messages()).hasSize(1);
    }
  }

  @Test
  void startTlsUpgradesTheConnectionBeforeAnythingIsSent() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder()
            .startTls(ScriptedSmtpServer.serverContext("loopback.p12"))
            .start()) {
      notifierFor(server)
          .security(SmtpSecurity.STARTTLS_REQUIRED)
          .sslSocketFactory(ScriptedSmtpServer.trusting("loopback.p12"))
          .build()
          .send(RESET);

      assertThat(server.messages()).hasSize(1);
      assertThat(server.commands())
          .filteredOn(c -> c.contains("MAIL") || c.contains("RCPT") || c.contains("DATA"))
          .isNotEmpty()
          .allMatch(c -> c.startsWith("[tls] "));
    }
  }

  @Test
  void implicitTlsDeliversOverTls() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder()
            .implicitTls(ScriptedSmtpServer.serverContext("loopback.p12"))
            .start()) {
      JakartaMailNotifier notifier =
          notifierFor(server)
              .security(SmtpSecurity.IMPLICIT_TLS)
              .sslSocketFactory(ScriptedSmtpServer.trusting("loopback.p12"))
              .build();
      notifier.send(RESET);

      assertThat(server.messages()).hasSize(1);
      assertThat(notifier.toString()).contains("smtps://127.0.0.1:" + server.port());
    }
  }

  @Test
  void implicitTlsRefusesATrustedCertificateIssuedForAnotherHost() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder()
            .implicitTls(ScriptedSmtpServer.serverContext("other-host.p12"))
            .start()) {
      JakartaMailNotifier notifier =
          notifierFor(server)
              .security(SmtpSecurity.IMPLICIT_TLS)
              .sslSocketFactory(ScriptedSmtpServer.trusting("other-host.p12"))
              .build();
      failure(notifier, RESET);
      assertThat(server.messages()).isEmpty();
    }
  }

  @Test
  void implicitTlsRefusesAnUntrustedCertificate() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder()
            .implicitTls(ScriptedSmtpServer.serverContext("loopback.p12"))
            .start()) {
      JakartaMailNotifier notifier =
          notifierFor(server).security(SmtpSecurity.IMPLICIT_TLS).build();
      failure(notifier, RESET);
      assertThat(server.messages()).isEmpty();
    }
  }

  private static int indexOfPrefix(ScriptedSmtpServer server, String prefix) {
    for (int i = 0; i < server.commands().size(); i++) {
      if (server.commands().get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
