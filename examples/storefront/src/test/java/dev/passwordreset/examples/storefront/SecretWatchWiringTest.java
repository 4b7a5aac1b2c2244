package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.testkit.SecretWatchExtension;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every test of this module runs under the testkit's {@link SecretWatchExtension}, found by JUnit's
 * extension auto-detection ({@code src/test/resources}); this test fails if that wiring is lost, or
 * if the running demo's logging (Spring Boot's, which resets Logback at start-up) escapes it.
 */
class SecretWatchWiringTest extends DemoAppTest {

  @Test
  void aDemoPasswordInALogLineIsCaughtWithoutTheTestAskingForTheWatch() {
    String janes = DemoData.CUSTOMERS.get(0).password();
    LoggerFactory.getLogger(StorefrontApplication.class).info("leaking {} here", janes);

    assertThat(SecretWatchExtension.leaksSoFar()).containsExactly("leaking " + janes + " here");
    // The leak above is on purpose: forget it, or the watch would fail this test.
    SecretWatchExtension.forgetAll();
  }
}
