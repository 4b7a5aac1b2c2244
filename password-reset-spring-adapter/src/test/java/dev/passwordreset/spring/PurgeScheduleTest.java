package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduled purge of expired links. */
class PurgeScheduleTest {

  @Test
  void purgerRunsWithTheContextByDefault() {
    TestApp.runner()
        .withPropertyValues("password-reset.purge.enabled=true")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ExpiredTicketPurger.class);
              assertThat(context.getBean(ExpiredTicketPurger.class).isRunning()).isTrue();
            });
  }

  @Test
  void purgerWithACronExpressionRunsWithTheContext() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.purge.enabled=true", "password-reset.purge.cron=0 15 3 * * *")
        .run(
            context -> assertThat(context.getBean(ExpiredTicketPurger.class).isRunning()).isTrue());
  }

  @Test
  void purgeCanBeTurnedOff() {
    TestApp.runner()
        .withPropertyValues("password-reset.purge.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ExpiredTicketPurger.class));
  }

  @Test
  void eachRunPurgesThroughTheServiceAndSurvivesAFailure() {
    AtomicInteger calls = new AtomicInteger();
    StubService service =
        new StubService() {
          @Override
          public int purgeExpired() {
            if (calls.incrementAndGet() == 1) {
              throw new IllegalStateException("database down");
            }
            return 3;
          }
        };
    ExpiredTicketPurger purger = new ExpiredTicketPurger(service, null, Duration.ofHours(1));

    purger.purgeOnce();
    purger.purgeOnce();

    assertThat(calls).hasValue(2);
  }

  @Test
  void stoppingEndsTheSchedule() {
    ExpiredTicketPurger purger =
        new ExpiredTicketPurger(new StubService(), "0 0 3 * * *", Duration.ofHours(1));
    purger.start();
    assertThat(purger.isRunning()).isTrue();
    purger.stop();
    assertThat(purger.isRunning()).isFalse();
  }
}
