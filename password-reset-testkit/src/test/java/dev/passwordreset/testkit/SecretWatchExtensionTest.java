package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The watch that guards the tests of this module (and of hosts) must itself be able to fail. */
@ExtendWith(SecretWatchExtension.class)
class SecretWatchExtensionTest {

  private static final String TOKEN = "Qx7kP2mN9vR4tY6wZ1aB3cD5eF8gH0jL2nS4uV6xY8z";

  /** What a leaking engine would do. */
  public interface Echo {
    Object answer(String text);
  }

  /** Echoes, or throws an exception whose cause carries the text. */
  public static final class Leaky {
    public Object answer(String text) {
      if (text.startsWith("throw")) {
        throw new IllegalStateException("wrapped", new IllegalArgumentException(text));
      }
      return List.of(text);
    }
  }

  @AfterEach
  void forget() {
    // This class leaks on purpose; the extension forgets it before it checks.
    SecretWatchExtension.forgetAll();
  }

  @Test
  void aRegisteredPasswordInALogLineIsCaught() {
    SecretWatchExtension.secret("Sup3r-Secret!".toCharArray());
    LoggerFactory.getLogger("dev.passwordreset.test").warn("about to leak Sup3r-Secret! here");

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("about to leak Sup3r-Secret! here");
  }

  @Test
  void anUnregisteredTokenShapedTextOrAnArgon2HashIsCaught() {
    LoggerFactory.getLogger("dev.passwordreset.test").warn("link token={}", TOKEN);
    SecretWatchExtension.inspect("hash $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
    SecretWatchExtension.inspect(
        "an ordinary sentence of words, and a hex digest 9f86d081884c7d65");

    assertThat(SecretWatchExtension.leaksSoFar()).hasSize(2);
  }

  @Test
  void aSecretInAWatchedOutcomeOrInAnExceptionCauseIsCaught() {
    SecretWatchExtension.secret("Sup3r-Secret!");
    Echo echo = SecretWatchExtension.watch(Echo.class, new Leaky());

    assertThat(echo.answer("harmless")).isEqualTo(List.of("harmless"));
    assertThat(SecretWatchExtension.leaksSoFar()).isEmpty();
    assertThatThrownBy(() -> echo.answer("throw Sup3r-Secret!"))
        .isInstanceOf(IllegalStateException.class);

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("java.lang.IllegalArgumentException: throw Sup3r-Secret!");
  }

  @Test
  void aRegisteringNotifierRegistersTheLinkAndItsTokenAndPassesTheNotificationOn() {
    RecordingNotifier recorder = new RecordingNotifier();
    Notification n =
        new Notification(
            NotificationType.RESET_LINK,
            CustomerId.of("c1"),
            "ann@example.com",
            "Ann",
            Locale.ENGLISH,
            "https://shop.example/reset?token=" + TOKEN.toLowerCase(Locale.ROOT),
            Instant.parse("2026-03-01T10:30:00Z"),
            null);

    SecretWatchExtension.registeringSecrets(recorder).send(n);
    SecretWatchExtension.inspect("a log line quoting " + TOKEN.toLowerCase(Locale.ROOT));

    assertThat(recorder.notifications()).containsExactly(n);
    assertThat(SecretWatchExtension.leaksSoFar()).hasSize(1);
  }

  @Test
  void aRegisteringNotifierRegistersTheResetCode() {
    RecordingNotifier recorder = new RecordingNotifier();
    Notification n =
        new Notification(
            NotificationType.RESET_CODE,
            CustomerId.of("c1"),
            "ann@example.com",
            "Ann",
            Locale.ENGLISH,
            null,
            Instant.parse("2026-03-01T10:30:00Z"),
            null,
            "40718263");

    SecretWatchExtension.registeringSecrets(recorder).send(n);
    SecretWatchExtension.inspect("a log line quoting code 40718263");

    assertThat(recorder.notifications()).containsExactly(n);
    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("a log line quoting code 40718263");
  }

  @Test
  void afterEachFailsTheTestWhenSomethingLeaked() {
    SecretWatchExtension watch = new SecretWatchExtension();
    SecretWatchExtension.secret("Sup3r-Secret!");
    SecretWatchExtension.inspect("event with Sup3r-Secret!");

    assertThatThrownBy(() -> watch.afterEach(null))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("event with Sup3r-Secret!");
    watch.beforeEach(null); // capture again for the rest of this test
  }

  @Test
  void forgetCapturedForgetsTextsAndLogLinesButKeepsTheSecrets() {
    SecretWatchExtension.secret("Sup3r-Secret!");
    LoggerFactory.getLogger("dev.passwordreset.test").warn("leak Sup3r-Secret! once");
    SecretWatchExtension.inspect("and Sup3r-Secret! twice");
    assertThat(SecretWatchExtension.leaksSoFar()).hasSize(2);

    SecretWatchExtension.forgetCaptured();

    assertThat(SecretWatchExtension.leaksSoFar()).isEmpty();
    SecretWatchExtension.inspect("again Sup3r-Secret!");
    assertThat(SecretWatchExtension.leaksSoFar()).containsExactly("again Sup3r-Secret!");
  }

  @Test
  void aLogLineFromAnotherThreadIsCaught() throws InterruptedException {
    SecretWatchExtension.secret("Thread-Secret-42");
    Thread mailThread =
        new Thread(
            () ->
                LoggerFactory.getLogger("dev.passwordreset.test")
                    .warn("mail thread leaks Thread-Secret-42"));
    mailThread.start();
    mailThread.join();

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("mail thread leaks Thread-Secret-42");
  }

  @Test
  void startAndFinishWatchingServeATestEngineWithoutJupiterExtensions() {
    SecretWatchExtension.finishWatching(); // end the watch JUnit started for this test

    // What a jqwik AroundPropertyHook does around a property that leaks:
    SecretWatchExtension.startWatching();
    SecretWatchExtension.secret("Property-Secret-7");
    LoggerFactory.getLogger("dev.passwordreset.test").warn("property leaks Property-Secret-7");
    assertThatThrownBy(SecretWatchExtension::finishWatching)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("property leaks Property-Secret-7");

    // ... and around one that does not: the secrets of the previous run are forgotten.
    SecretWatchExtension.startWatching();
    LoggerFactory.getLogger("dev.passwordreset.test").warn("Property-Secret-7 is not one now");
    SecretWatchExtension.finishWatching();

    SecretWatchExtension.startWatching(); // for JUnit's afterEach
  }

  @Test
  void startWatchingTwiceLeavesNoCaptureBehind() {
    SecretWatchExtension.startWatching();
    SecretWatchExtension.startWatching();

    assertThat(
            ((ch.qos.logback.classic.Logger)
                    LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .iteratorForAppenders())
        .toIterable()
        .filteredOn(a -> a.getName().startsWith("password-reset-testkit-LogCapture-"))
        .hasSize(1);
  }

  @Test
  void notSecretPassesOverAMadeUpTokenShapedTextButNotOverARegisteredSecret() {
    String madeUp = "Zz9kP2mN9vR4tY6wZ1aB3cD5eF8gH0jL2nS4uV6xY8q";
    SecretWatchExtension.notSecret(madeUp);
    SecretWatchExtension.notSecret(TOKEN);
    SecretWatchExtension.secret(TOKEN);

    SecretWatchExtension.inspect("event clientAddress=" + madeUp);
    SecretWatchExtension.inspect("event token=" + TOKEN);
    SecretWatchExtension.inspect("event other=" + TOKEN.replace('Q', 'R'));

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("event token=" + TOKEN, "event other=" + TOKEN.replace('Q', 'R'));
  }

  @Test
  void secretsRegisteredBeforeTheWatchStartsCountAndAreForgottenWhenItFinishes() {
    SecretWatchExtension.finishWatching(); // end the watch JUnit started for this test

    // What JUnit and jqwik do: build the test instance (which registers secrets), then start.
    SecretWatchExtension.secret("Field-Init-Passw0rd");
    SecretWatchExtension.notSecret(TOKEN);
    SecretWatchExtension.startWatching();
    LoggerFactory.getLogger("dev.passwordreset.test").warn("leaks Field-Init-Passw0rd");
    assertThatThrownBy(SecretWatchExtension::finishWatching)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leaks Field-Init-Passw0rd");

    // The next test knows neither that secret nor that harmless text any more.
    SecretWatchExtension.startWatching();
    SecretWatchExtension.inspect("Field-Init-Passw0rd is ordinary text now");
    assertThat(SecretWatchExtension.leaksSoFar()).isEmpty();
    SecretWatchExtension.inspect("but " + TOKEN + " is token-shaped again");
    assertThat(SecretWatchExtension.leaksSoFar()).hasSize(1);
    SecretWatchExtension.forgetAll();
  }
}
