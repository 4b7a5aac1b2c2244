package dev.passwordreset.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Instant;
import java.util.Locale;
import net.jqwik.api.Example;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every test of this module runs under the testkit's {@link SecretWatchExtension}, found by JUnit's
 * extension auto-detection ({@code src/test/resources}), and every jqwik property under the same
 * watch through {@link SecretWatchHook}; these tests fail if that wiring is lost.
 */
class SecretWatchWiringTest {

  @Test
  void aSecretInALogLineOrAnEventIsCaught() {
    SecretWatchExtension.secret("Sup3r-Secret!");
    LoggerFactory.getLogger("dev.passwordreset.test").debug("about to leak Sup3r-Secret! here");
    SecretWatchExtension.inspect("ResetEvent[details={token=abc}]");

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("about to leak Sup3r-Secret! here");

    SecretWatchExtension.inspect("event with Sup3r-Secret!");
    assertThat(SecretWatchExtension.leaksSoFar()).hasSize(2);
    SecretWatchExtension.forgetCaptured();
  }

  // How the watch catches a secret in a watched outcome or an exception's cause is the testkit's
  // own test (SecretWatchExtensionTest); here, only that the watch is wired into this module.

  @Test
  void theMailboxRegistersEveryLinkAndTokenItReceives() {
    Mailbox mail = new Mailbox();
    String token = "Mailbox-Token-Of-The-Wiring-Check";
    mail.send(
        new Notification(
            NotificationType.RESET_LINK,
            CustomerId.of("c1"),
            "ann@example.com",
            "Ann",
            Locale.ENGLISH,
            "https://shop.example/password/reset?token=" + token,
            Instant.parse("2026-03-01T10:30:00Z"),
            null));

    LoggerFactory.getLogger("dev.passwordreset.test").warn("token {} in a log line", token);

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("token " + token + " in a log line");
    SecretWatchExtension.forgetCaptured();
  }

  /** A jqwik property: watched through {@link SecretWatchHook}, not through JUnit Jupiter. */
  @Example
  void aJqwikPropertyIsWatchedToo() {
    SecretWatchExtension.secret("Jqwik-Wiring-Passw0rd!");
    LoggerFactory.getLogger("dev.passwordreset.test").warn("leaking Jqwik-Wiring-Passw0rd! here");

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("leaking Jqwik-Wiring-Passw0rd! here");
    SecretWatchExtension.forgetCaptured();
  }
}
