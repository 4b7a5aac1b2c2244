package dev.passwordreset.spring;

import static dev.passwordreset.spring.TestApp.CLIENT;
import static dev.passwordreset.spring.TestApp.JANE;
import static dev.passwordreset.spring.TestApp.JANE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The activity feed as Spring events, and a customer's sessions ended after a password change. */
class EventsAndSessionsTest {
  private static final String PASSWORD = "Agent-Typed-Passw0rd!";
  private static final String CHOSEN = "Chosen-Passw0rd!x";

  @BeforeEach
  void passwordsAreSecrets() {
    SecretWatchExtension.secret(PASSWORD);
    SecretWatchExtension.secret(CHOSEN);
  }

  @Configuration(proxyBeanMethods = false)
  static class EventCollector {
    final List<ResetEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ResetEvent event) {
      events.add(event);
      SecretWatchExtension.inspect(event.toString());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Sessions {
    @Bean
    MapIndexedSessionRepository sessionRepository() {
      return new MapIndexedSessionRepository();
    }
  }

  private static ApplicationContextRunner runner() {
    return TestApp.runner()
        .withUserConfiguration(EventCollector.class, Sessions.class)
        .withPropertyValues("password-reset.allow-manual-entry=true");
  }

  private static void setPassword(PasswordResetService service) {
    assertThat(service.setPassword(JANE, PASSWORD.toCharArray(), false, AgentContext.of("agent-7")))
        .isInstanceOf(ManualEntryOutcome.PasswordSet.class);
  }

  @Test
  void eachResetEventIsPublishedAsAnApplicationEvent() {
    runner()
        .run(
            context -> {
              setPassword(context.getBean(PasswordResetService.class));
              assertThat(context.getBean(EventCollector.class).events)
                  .anySatisfy(
                      event -> {
                        assertThat(event.type()).isEqualTo(ResetEventType.MANUAL_PASSWORD_SET);
                        assertThat(event.customerId()).isEqualTo(JANE);
                        assertThat(event.agentId()).isEqualTo("agent-7");
                      });
            });
  }

  @Test
  void passwordChangeEndsTheCustomersSessionsOnly() {
    runner()
        .run(
            context -> {
              MapIndexedSessionRepository sessions =
                  context.getBean(MapIndexedSessionRepository.class);
              String janeOnPhone = sessions.signIn(JANE.value());
              String janeOnLaptop = sessions.signIn(JANE.value());
              String someoneElse = sessions.signIn("c-2");

              setPassword(context.getBean(PasswordResetService.class));

              assertThat(sessions.exists(janeOnPhone)).isFalse();
              assertThat(sessions.exists(janeOnLaptop)).isFalse();
              assertThat(sessions.exists(someoneElse)).isTrue();
            });
  }

  @Test
  void sessionOfTheRequestThatChangedThePasswordIsKept() {
    runner()
        .run(
            context -> {
              MapIndexedSessionRepository sessions =
                  context.getBean(MapIndexedSessionRepository.class);
              PasswordResetService service = context.getBean(PasswordResetService.class);
              setPassword(service); // Jane now has a password she knows.
              String current = sessions.signIn(JANE.value());
              String other = sessions.signIn(JANE.value());

              MockHttpServletRequest request = new MockHttpServletRequest();
              request.setSession(new MockHttpSession(null, current));
              RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
              try {
                assertThat(
                        service.changePassword(
                            JANE, PASSWORD.toCharArray(), CHOSEN.toCharArray(), CLIENT))
                    .isInstanceOf(ChangeOutcome.Changed.class);
              } finally {
                RequestContextHolder.resetRequestAttributes();
              }

              assertThat(sessions.exists(current)).isTrue();
              assertThat(sessions.exists(other)).isFalse();
            });
  }

  @Test
  void eventsThatDoNotChangeThePasswordLeaveSessionsAlone() {
    runner()
        .run(
            context -> {
              MapIndexedSessionRepository sessions =
                  context.getBean(MapIndexedSessionRepository.class);
              String jane = sessions.signIn(JANE.value());

              context.getBean(PasswordResetService.class).requestReset(JANE_EMAIL, CLIENT);
              context
                  .getBean(PasswordResetService.class)
                  .sendResetEmail(JANE, AgentContext.of("agent-7"));

              assertThat(sessions.exists(jane)).isTrue();
            });
  }

  @Test
  void hostMapsCustomersToPrincipalNames() {
    runner()
        .withBean(PrincipalNameResolver.class, () -> id -> JANE_EMAIL)
        .run(
            context -> {
              MapIndexedSessionRepository sessions =
                  context.getBean(MapIndexedSessionRepository.class);
              String byEmail = sessions.signIn(JANE_EMAIL);
              String byId = sessions.signIn(JANE.value());

              setPassword(context.getBean(PasswordResetService.class));

              assertThat(sessions.exists(byEmail)).isFalse();
              assertThat(sessions.exists(byId)).isTrue();
            });
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void theDefaultPrincipalNamesSayOnceAtStartUpThatTheyAssumeTheCustomerId(CapturedOutput output) {
    String line = "assumes the principal name is the customer id";
    runner()
        .run(
            context -> {
              setPassword(context.getBean(PasswordResetService.class));
              setPassword(context.getBean(PasswordResetService.class));
            });
    assertThat(output.getAll().split(line, -1)).hasSize(2); // exactly once

    int before = output.getAll().length();
    runner()
        .withBean(PrincipalNameResolver.class, () -> id -> JANE_EMAIL)
        .run(context -> setPassword(context.getBean(PasswordResetService.class)));
    assertThat(output.getAll().substring(before)).doesNotContain(line);
  }

  @Test
  void sessionInvalidationCanBeTurnedOff() {
    runner()
        .withPropertyValues("password-reset.session.invalidate-on-password-change=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SessionInvalidatingResetListener.class);
              MapIndexedSessionRepository sessions =
                  context.getBean(MapIndexedSessionRepository.class);
              String jane = sessions.signIn(JANE.value());

              setPassword(context.getBean(PasswordResetService.class));

              assertThat(sessions.exists(jane)).isTrue();
            });
  }
}
