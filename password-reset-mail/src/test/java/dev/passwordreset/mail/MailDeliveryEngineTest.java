package dev.passwordreset.mail;

import static dev.passwordreset.mail.EngineFixture.CLIENT;
import static dev.passwordreset.mail.EngineFixture.FAST_HASHER;
import static dev.passwordreset.mail.EngineFixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.testkit.LogCapture;
import dev.passwordreset.testkit.SecretWatchExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine and {@link JakartaMailNotifier} together, against a real SMTP server: links are read
 * out of the received emails, and delivery survives (or reports) a failing server.
 */
class MailDeliveryEngineTest {

  @RegisterExtension static final GreenMailExtension GREEN_MAIL = MailTestSupport.greenMail();

  private static final Pattern LINK =
      Pattern.compile("https://shop\\.example/password/reset\\?token=([A-Za-z0-9_-]{43})");
  private static final AgentContext AGENT = AgentContext.of("agent-7");

  /** The code in a code email's text part: eight digits, alone on an indented line. */
  private static final Pattern CODE = Pattern.compile("\n {4}(\\d{8})\n");

  /** The engine of the running test, closed after it. */
  private EngineFixture current;

  @AfterEach
  void close() {
    if (current != null) {
      current.close();
    }
  }

  private EngineFixture engine(
      JakartaMailNotifier.Builder notifier, Consumer<PasswordResetEngine.Builder> more) {
    current =
        new EngineFixture(
            b -> {
              b.notifier(notifier.build()).deliveryAttempts(4);
              more.accept(b);
            });
    return current;
  }

  private EngineFixture engineOnGreenMail() {
    return engine(
        MailTestSupport.notifierFor(GREEN_MAIL).connectTimeout(Duration.ofSeconds(2)), b -> {});
  }

  private static CustomerAccount customer(EngineFixture fx, String id, Locale locale) {
    CustomerAccount account =
        new CustomerAccount(
            CustomerId.of(id), id + "@example.com", "Client <" + id + ">", locale, true);
    SecretWatchExtension.secret("Old-Passw0rd!");
    fx.customers.add(account, StoredPassword.of(FAST_HASHER.hash("Old-Passw0rd!".toCharArray())));
    return account;
  }

  /** Waits for the {@code count}-th email and returns it. */
  private static ReceivedMail awaitEmail(int count) {
    assertThat(GREEN_MAIL.waitForIncomingEmail(10_000, count))
        .as("%d email(s) within 10 s", count)
        .isTrue();
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    return ReceivedMail.of(received[count - 1]);
  }

  /** The token of the link in the email's text part, after checking the HTML part has it too. */
  private static String tokenFrom(ReceivedMail mail) {
    Matcher m = LINK.matcher(mail.text());
    assertThat(m.find()).as("a link in the text part").isTrue();
    String token = m.group(1);
    SecretWatchExtension.secret(token);
    assertThat(mail.html()).contains("href=\"" + m.group() + "\"");
    return token;
  }

  @Test
  void fullSelfServiceResetWithTheLinkReadFromTheReceivedEmail() throws Exception {
    EngineFixture fx = engineOnGreenMail();
    CustomerAccount ann = customer(fx, "ann", Locale.ENGLISH);

    assertThat(fx.engine.requestReset("ANN@example.com", CLIENT))
        .isEqualTo(new RequestOutcome.Accepted());
    ReceivedMail resetMail = awaitEmail(1);
    assertThat(resetMail.subject()).isEqualTo("Reset your Boutique Été password");
    assertThat(resetMail.message().getAllRecipients()[0].toString()).contains("ann@example.com");
    String token = tokenFrom(resetMail);

    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    assertThat(fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
    assertThat(fx.engine.completeReset(token, pw("An0ther-Secret!"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));

    ReceivedMail changed = awaitEmail(2);
    assertThat(changed.subject()).isEqualTo("Your Boutique Été password was changed");
    assertThat(changed.text()).doesNotContain("token=");
  }

  static Stream<Arguments> linkTypesAndLanguages() {
    return Stream.of(
            NotificationType.RESET_LINK,
            NotificationType.CONFIRM_PASSWORD,
            NotificationType.ACCOUNT_SETUP,
            NotificationType.REMINDER)
        .flatMap(t -> Stream.of(Arguments.of(t, Locale.ENGLISH), Arguments.of(t, Locale.FRENCH)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("linkTypesAndLanguages")
  void linkInEachEmailCompletesTheResetAndThePasswordChangedEmailFollows(
      NotificationType type, Locale locale) {
    EngineFixture fx = engineOnGreenMail();
    CustomerAccount customer = customer(fx, "cust", locale);
    boolean french = locale.equals(Locale.FRENCH);

    switch (type) {
      case RESET_LINK ->
          assertThat(fx.engine.sendResetEmail(customer.id(), AGENT))
              .isInstanceOf(AgentOutcome.EmailSent.class);
      case ACCOUNT_SETUP ->
          assertThat(fx.engine.sendAccountSetupEmail(customer.id(), AGENT))
              .isInstanceOf(AgentOutcome.EmailSent.class);
      case REMINDER ->
          assertThat(fx.engine.sendReminder(customer.id(), AGENT))
              .isInstanceOf(AgentOutcome.EmailSent.class);
      case CONFIRM_PASSWORD ->
          assertThat(
                  fx.engine.requestResetWithPassword(customer.email(), pw("N3w-Secret!x"), CLIENT))
              .isEqualTo(new PendingOutcome.Accepted());
      default -> throw new AssertionError(type);
    }
    ReceivedMail mail = awaitEmail(1);
    assertThat(mail.header("Content-Language")).isEqualTo(locale.toLanguageTag());
    assertThat(mail.html())
        .contains(french ? "Bonjour Client &lt;cust&gt;," : "Hello Client &lt;cust&gt;,");
    String token = tokenFrom(mail);

    ResetOutcome outcome =
        type == NotificationType.CONFIRM_PASSWORD
            ? fx.engine.confirmReset(token, pw("N3w-Secret!x"), CLIENT)
            : fx.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT);
    assertThat(outcome).isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.engine.checkLogin(customer.email(), pw("N3w-Secret!x"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);

    ReceivedMail changed = awaitEmail(2);
    assertThat(changed.subject())
        .isEqualTo(
            french
                ? "Votre mot de passe Boutique Été a été modifié"
                : "Your Boutique Été password was changed");
  }

  /**
   * Reset by code over a real SMTP server, in French: the code is read out of the received email
   * (the text part; the HTML part shows it in groups, typed back with its space), completes the
   * reset once, and is in no log line of the whole run, the engine's mail thread included.
   */
  @Test
  void resetCodeReadFromTheReceivedEmailCompletesTheResetOnceAndNoLogLineHoldsIt()
      throws Exception {
    try (LogCapture log = LogCapture.root()) {
      EngineFixture fx = engineOnGreenMail();
      CustomerAccount ann = customer(fx, "ann", Locale.FRENCH);

      assertThat(fx.engine.requestResetCode("ANN@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
      ReceivedMail mail = awaitEmail(1);
      assertThat(mail.subject())
          .isEqualTo("Votre code de réinitialisation du mot de passe Boutique Été");
      assertThat(mail.header("Content-Language")).isEqualTo("fr");
      Matcher m = CODE.matcher(mail.text());
      assertThat(m.find()).as("a code in the text part").isTrue();
      String code = m.group(1);
      SecretWatchExtension.secret(code);
      String grouped = code.substring(0, 4) + " " + code.substring(4);
      assertThat(mail.html()).contains(">" + grouped + "</span>").doesNotContain("href=\"http");
      assertThat(mail.text()).doesNotContain("http");
      assertThat(mail.words())
          .contains("saisissez ce code là où vous l'avez demandé", "Ne communiquez jamais ce code");

      String wrong = code.equals("00000000") ? "11111111" : "00000000";
      assertThat(fx.engine.completeResetWithCode(ann.email(), wrong, pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());
      assertThat(fx.engine.completeResetWithCode(ann.email(), grouped, pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));
      assertThat(fx.engine.checkLogin(ann.email(), pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(fx.engine.completeResetWithCode(ann.email(), code, pw("An0ther-Secret!"), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());

      ReceivedMail changed = awaitEmail(2);
      assertThat(changed.subject()).isEqualTo("Votre mot de passe Boutique Été a été modifié");
      assertThat(changed.text()).doesNotContain(code);
      fx.close(); // the mail thread is done: every line it could write is captured

      assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(code));
      assertThat(fx.events(ResetEventType.NOTIFICATION_SENT))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.toString()).doesNotContain(code));
    }
  }

  /**
   * A code email the server refuses: reported as a failed delivery with the SMTP reply, and neither
   * the event, the notifier's exception nor any log line holds the code.
   */
  @Test
  void codeEmailRefusedByTheServerIsReportedWithoutTheCode() throws Exception {
    try (LogCapture log = LogCapture.root();
        ScriptedSmtpServer server =
            ScriptedSmtpServer.builder().reply("END", "554 5.7.1 Message refused").start()) {
      Notifier smtp = MailTestSupport.notifierFor(server).build();
      AtomicReference<String> code = new AtomicReference<>();
      AtomicReference<RuntimeException> thrown = new AtomicReference<>();
      Notifier recording =
          n -> {
            code.set(n.code());
            SecretWatchExtension.secret(n.code());
            try {
              smtp.send(n);
            } catch (RuntimeException e) {
              thrown.set(e);
              throw e;
            }
          };
      EngineFixture fx = new EngineFixture(b -> b.notifier(recording).deliveryAttempts(2));
      current = fx;
      customer(fx, "ann", Locale.ENGLISH);

      assertThat(fx.engine.requestResetCode("ann@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
      ResetEvent failed = fx.awaitEvent(ResetEventType.DELIVERY_FAILED);
      fx.close();

      assertThat(code.get()).matches("\\d{8}");
      assertThat(failed.detail("reason")).contains("554");
      assertThat(failed.toString()).doesNotContain(code.get());
      assertThat(thrown.get())
          .isInstanceOf(NotificationException.class)
          .hasMessageContaining("RESET_CODE")
          .hasMessageNotContaining(code.get());
      assertThat(server.messages()).hasSize(1); // the server saw the message, then refused it
      assertThat(log.lines()).noneMatch(line -> line.contains(code.get()));
    }
  }

  @Test
  void smtpServerDownAtFirstAndUpAfterTwoFailuresDeliversTheEmailOnce() throws Exception {
    int port = ScriptedSmtpServer.closedPort();
    GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    try {
      Notifier smtp =
          JakartaMailNotifier.builder()
              .host("127.0.0.1")
              .port(port)
              .security(SmtpSecurity.NONE)
              .from("no-reply@shop.example", null)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      AtomicInteger attempts = new AtomicInteger();
      AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
      // Counts the real SMTP attempts; after the second refused connection the server comes up.
      Notifier counting =
          n -> {
            int attempt = attempts.incrementAndGet();
            try {
              smtp.send(n);
            } catch (RuntimeException e) {
              firstFailure.compareAndSet(null, e);
              if (attempt == 2) {
                late.start();
              }
              throw e;
            }
          };
      EngineFixture fx = new EngineFixture(b -> b.notifier(counting).deliveryAttempts(4));
      current = fx;
      customer(fx, "ann", Locale.ENGLISH);

      assertThat(fx.engine.requestReset("ann@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
      ResetEvent sent = fx.awaitEvent(ResetEventType.NOTIFICATION_SENT);
      fx.close(); // drains the queue: a duplicate would have been sent by now

      assertThat(sent.detail("attempt")).isEqualTo("3");
      assertThat(attempts).hasValue(3);
      assertThat(firstFailure.get())
          .isInstanceOfSatisfying(
              NotificationException.class, e -> assertThat(e.permanent()).isFalse());
      assertThat(late.getReceivedMessages()).hasSize(1);
      // No brand and no sender name: the shop is named after the sender's domain.
      assertThat(late.getReceivedMessages()[0].getSubject())
          .isEqualTo("Reset your shop.example password");
      assertThat(fx.events(ResetEventType.DELIVERY_FAILED)).isEmpty();
    } finally {
      late.stop();
    }
  }

  @Test
  void permanentRejectionIsNotRetriedAndReportedWhileTheCustomerIsAnsweredAccepted()
      throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder().reply("RCPT", "550 5.1.1 Mailbox unavailable").start()) {
      EngineFixture fx = engine(MailTestSupport.notifierFor(server), b -> {});
      customer(fx, "ann", Locale.ENGLISH);

      assertThat(fx.engine.requestReset("ann@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
      ResetEvent failed = fx.awaitEvent(ResetEventType.DELIVERY_FAILED);
      fx.close(); // drains the queue: a retry would have happened by now

      assertThat(failed.detail("permanent")).isEqualTo("true");
      assertThat(failed.detail("attempts")).isEqualTo("1");
      assertThat(failed.detail("reason")).contains("550");
      assertThat(server.commands()).filteredOn(c -> c.startsWith("RCPT")).hasSize(1);
      assertThat(server.messages()).isEmpty();
    }
  }

  @Test
  void transientRefusalIsRetriedUpToTheConfiguredAttemptsThenReported() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.builder().reply("MAIL", "451 4.3.0 Try again later").start()) {
      EngineFixture fx = engine(MailTestSupport.notifierFor(server), b -> {});
      customer(fx, "ann", Locale.ENGLISH);

      fx.engine.requestReset("ann@example.com", CLIENT);
      ResetEvent failed = fx.awaitEvent(ResetEventType.DELIVERY_FAILED);

      assertThat(failed.detail("permanent")).isEqualTo("false");
      assertThat(failed.detail("attempts")).isEqualTo("4");
      assertThat(server.commands()).filteredOn(c -> c.startsWith("MAIL")).hasSize(4);
    }
  }

  @Test
  void requestResetDoesNotWaitForASlowMailServer() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().silent().start()) {
      EngineFixture fx =
          engine(
              MailTestSupport.notifierFor(server).readTimeout(Duration.ofSeconds(5)),
              b -> b.deliveryAttempts(1));
      customer(fx, "ann", Locale.ENGLISH);

      long start = System.nanoTime();
      RequestOutcome outcome = fx.engine.requestReset("ann@example.com", CLIENT);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(outcome).isEqualTo(new RequestOutcome.Accepted());
      assertThat(took)
          .as("far less than the server's 5 s silence")
          .isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void agentResetWithTheSmtpServerDownIsReportedAsNotificationFailed() throws Exception {
    EngineFixture fx =
        engine(
            JakartaMailNotifier.builder()
                .host("127.0.0.1")
                .port(ScriptedSmtpServer.closedPort())
                .security(SmtpSecurity.NONE)
                .from("no-reply@shop.example", null)
                .connectTimeout(Duration.ofSeconds(2)),
            b -> {});
    CustomerAccount ann = customer(fx, "ann", Locale.ENGLISH);

    long start = System.nanoTime();
    AgentOutcome outcome = fx.engine.sendResetEmail(ann.id(), AGENT);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(outcome).isInstanceOf(AgentOutcome.NotificationFailed.class);
    assertThat(((AgentOutcome.NotificationFailed) outcome).reason()).contains("unreachable");
    assertThat(took)
        .as("configured 2 s connect timeout + margin")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(fx.awaitEvent(ResetEventType.AGENT_NOTIFICATION_FAILED).agentId())
        .isEqualTo("agent-7");
  }

  @Test
  void agentResetWithASilentSmtpServerIsReportedWithinTheConfiguredReadTimeout() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().silent().start()) {
      EngineFixture fx =
          engine(MailTestSupport.notifierFor(server).readTimeout(Duration.ofSeconds(1)), b -> {});
      CustomerAccount ann = customer(fx, "ann", Locale.ENGLISH);

      long start = System.nanoTime();
      AgentOutcome outcome = fx.engine.sendResetEmail(ann.id(), AGENT);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(outcome).isInstanceOf(AgentOutcome.NotificationFailed.class);
      assertThat(took).as("configured 1 s read timeout + margin").isLessThan(Duration.ofSeconds(5));
    }
  }
}
