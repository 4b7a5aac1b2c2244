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

  /** A service whose answers carry whatever it is given: what a leaking engine would do. */
  public interface Echo {
    Object answer(String text);
  }

  public static final class Leaky {
    public Object answer(String text) {
      if (text.startsWith("throw")) {
        throw new IllegalStateException("wrapped", new IllegalArgumentException(text));
      }
      return java.util.List.of(text);
    }
  }

  @Test
  void aSecretInAWatchedOutcomeOrInAnExceptionCauseIsCaught() {
    SecretWatch.secret("Sup3r-Secret!");
    Echo echo = SecretWatch.watch(Echo.class, new Leaky());

    assertThat(echo.answer("harmless")).isEqualTo(java.util.List.of("harmless"));
    assertThat(SecretWatch.leaksSoFar()).isEmpty();
    echo.answer("outcome Sup3r-Secret!");
    assertThat(SecretWatch.leaksSoFar()).containsExactly("[outcome Sup3r-Secret!]");
    SecretWatch.forgetCaptured();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> echo.answer("throw Sup3r-Secret!"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(SecretWatch.leaksSoFar())
        .containsExactly("java.lang.IllegalArgumentException: throw Sup3r-Secret!");
    SecretWatch.forgetCaptured();
  }
}
