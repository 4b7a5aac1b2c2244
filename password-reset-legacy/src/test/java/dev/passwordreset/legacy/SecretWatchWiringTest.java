package dev.passwordreset.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.testkit.SecretWatchExtension;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every test of this module runs under the testkit's {@link SecretWatchExtension}, found by JUnit's
 * extension auto-detection ({@code src/test/resources}); this test fails if that wiring is lost.
 */
class SecretWatchWiringTest {

  @Test
  void aRegisteredPasswordInALogLineIsCaughtWithoutTheTestAskingForTheWatch() {
    SecretWatchExtension.secret("Wiring-Check-Passw0rd!");
    LoggerFactory.getLogger(SpringSecurityVerifier.class)
        .warn("leaking Wiring-Check-Passw0rd! here");

    assertThat(SecretWatchExtension.leaksSoFar())
        .containsExactly("leaking Wiring-Check-Passw0rd! here");
    // The leak above is on purpose: forget it, or the watch would fail this test.
    SecretWatchExtension.forgetAll();
  }
}
