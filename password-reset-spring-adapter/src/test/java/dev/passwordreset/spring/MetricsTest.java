package dev.passwordreset.spring;

import static dev.passwordreset.spring.TestApp.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Timers per operation and outcome, counters per event type, when there is a MeterRegistry. */
class MetricsTest {

  @Test
  void callsAreTimedByOperationAndOutcome() {
    TestApp.runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              PasswordResetService service = context.getBean(PasswordResetService.class);
              assertThat(service).isInstanceOf(MeteredPasswordResetService.class);

              service.checkToken("not-a-token", CLIENT);
              service.checkToken("still-not-a-token", CLIENT);
              service.requestReset("nobody@shop.example", CLIENT);

              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .get(MeteredPasswordResetService.TIMER)
                          .tag("operation", "checkToken")
                          .tag("outcome", "Invalid")
                          .timer()
                          .count())
                  .isEqualTo(2);
              assertThat(
                      registry
                          .get(MeteredPasswordResetService.TIMER)
                          .tag("operation", "requestReset")
                          .tag("outcome", "Accepted")
                          .timer()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void eventsAreCountedByType() {
    TestApp.runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              context.getBean(PasswordResetService.class).checkToken("not-a-token", CLIENT);

              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get(ResetEventMetrics.COUNTER)
                          .tag("type", "bad_token")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void hashingBackendIsAGaugeTaggedWithTheHashersBackend() {
    TestApp.runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              Argon2PasswordHasher hasher =
                  (Argon2PasswordHasher) context.getBean(PasswordHasher.class);
              String expected = hasher.backend().name().toLowerCase(Locale.ROOT);

              Gauge gauge =
                  context
                      .getBean(MeterRegistry.class)
                      .get(HashingBackendGauge.GAUGE)
                      .tag("backend", expected)
                      .gauge();

              assertThat(gauge.value()).isEqualTo(1.0);
              assertThat(expected).isIn("libsodium", "argon2_jvm");
            });
  }

  @Test
  void failuresAreTimedAsErrorsAndRethrown() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PasswordResetService failing = new StubService();
    MeteredPasswordResetService metered = new MeteredPasswordResetService(failing, registry);

    org.assertj.core.api.Assertions.assertThatThrownBy(metered::purgeExpired)
        .isInstanceOf(UnsupportedOperationException.class);

    assertThat(
            registry
                .get(MeteredPasswordResetService.TIMER)
                .tag("operation", "purgeExpired")
                .tag("outcome", "error")
                .tag("exception", "UnsupportedOperationException")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void withoutAMeterRegistryTheEngineIsTheService() {
    TestApp.runner()
        .run(
            context ->
                assertThat(context.getBean(PasswordResetService.class))
                    .isInstanceOf(PasswordResetEngine.class));
  }
}
