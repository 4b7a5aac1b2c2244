package dev.passwordreset.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The watch that guards every test must itself be able to fail. */
class SecretWatchTest {

  @Test
  void aSecretInALogLineOrAnEventIsCaught() {
    SecretWatch.secret("Sup3r-Secret!");
    LoggerFactory.getLogger("dev.passwordreset.test").debug("about to leak Sup3r-Secret! here");
    SecretWatch.inspect("ResetEvent[details={token=abc}]");

    assertThat(SecretWatch.leaksSoFar()).containsExactly("about to leak Sup3r-Secret! here");

    SecretWatch.inspect("event with Sup3r-Secret!");
    assertThat(SecretWatch.leaksSoFar()).hasSize(2);
    SecretWatch.forgetCaptured();
  }
}
