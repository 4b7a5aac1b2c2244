package dev.passwordreset.spring;

import static dev.passwordreset.spring.TestApp.CLIENT;
import static dev.passwordreset.spring.TestApp.JANE;
import static dev.passwordreset.spring.TestApp.JANE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventListener;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.notify.LoggingNotifier;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.throttle.InMemoryThrottleStore;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcSettingsStore;
import dev.passwordreset.jdbc.JdbcThrottleStore;
import dev.passwordreset.jdbc.JdbcTicketStore;
import dev.passwordreset.mail.JakartaMailNotifier;
import dev.passwordreset.testkit.RecordingNotifier;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;

/** Which beans the auto-configuration creates, and which of the host's win. */
class AutoConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeEach
  void passwordsAreSecrets() {
    SecretWatchExtension.secret("N3w-Passw0rd!x");
    SecretWatchExtension.secret("Tmp-Passw0rd!x");
  }

  @Test
  void serviceIsCreatedFromACustomerStoreAndMailPropertiesAlone() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class, PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues(
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=2525",
            "password-reset.mail.from=no-reply@shop.example")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(PasswordResetService.class);
              assertThat(context.getBean(Notifier.class))
                  .isInstanceOf(JavaMailSenderNotifier.class);
              assertThat(context.getBean(TicketStore.class))
                  .isInstanceOf(InMemoryTicketStore.class);
              assertThat(context.getBean(SettingsStore.class))
                  .isInstanceOf(InMemorySettingsStore.class);
              assertThat(context.getBean(ThrottleStore.class))
                  .isInstanceOf(InMemoryThrottleStore.class);
              assertThat(context.getBean(PasswordHasher.class))
                  .isInstanceOf(Argon2PasswordHasher.class);
              assertThat(context.getBean(PasswordPolicy.class))
                  .isInstanceOf(RuleBasedPasswordPolicy.class);
              assertThat(context).hasSingleBean(ApplicationEventResetListener.class);
            });
  }

  record HostBean<T>(Class<T> type, T bean) {
    @Override
    public String toString() {
      return type.getSimpleName();
    }
  }

  static Stream<HostBean<?>> hostBeans() {
    return Stream.of(
        new HostBean<>(
            PasswordHasher.class,
            Argon2PasswordHasher.builder().memoryKiB(32).iterations(1).build()),
        new HostBean<>(PasswordPolicy.class, RuleBasedPasswordPolicy.nist()),
        new HostBean<>(TicketStore.class, new InMemoryTicketStore()),
        new HostBean<>(SettingsStore.class, new InMemorySettingsStore()),
        new HostBean<>(ThrottleStore.class, new InMemoryThrottleStore()),
        new HostBean<>(PasswordResetService.class, unusedService()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostBeans")
  void hostBeanWinsOverTheDefault(HostBean<?> host) {
    withHostBean(TestApp.runner(), host)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBeansOfType(host.type())).hasSize(1);
              assertThat(context.getBean(host.type())).isSameAs(host.bean());
            });
  }

  @Test
  void hostNotifierWinsOverSpringMail() {
    RecordingNotifier own = new RecordingNotifier();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class, PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class)
        .withBean(Notifier.class, () -> own)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues(
            "spring.mail.host=127.0.0.1", "password-reset.mail.from=no-reply@shop.example")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Notifier.class)).isSameAs(own);
            });
  }

  @Test
  void hostTicketStoreWinsOverTheJdbcOne() {
    InMemoryTicketStore own = new InMemoryTicketStore();
    TestApp.runner()
        .withBean(DataSource.class, () -> h2("host-ticket-store"))
        .withBean(TicketStore.class, () -> own)
        .run(
            context -> {
              assertThat(context.getBean(TicketStore.class)).isSameAs(own);
              assertThat(context.getBean(SettingsStore.class))
                  .isInstanceOf(JdbcSettingsStore.class);
            });
  }

  @Test
  void dataSourceSwitchesTheStoresToJdbcAndCreatesTheTables() {
    JdbcDataSource dataSource = h2("jdbc-switch");
    TestApp.runner()
        .withBean(DataSource.class, () -> dataSource)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TicketStore.class)).isInstanceOf(JdbcTicketStore.class);
              assertThat(context.getBean(SettingsStore.class))
                  .isInstanceOf(JdbcSettingsStore.class);
              assertThat(context.getBean(ThrottleStore.class))
                  .isInstanceOf(JdbcThrottleStore.class);

              PasswordResetService service = context.getBean(PasswordResetService.class);
              RecordingNotifier mailbox = context.getBean(RecordingNotifier.class);
              assertThat(service.requestReset(JANE_EMAIL, CLIENT))
                  .isInstanceOf(RequestOutcome.Accepted.class);
              String token =
                  RecordingNotifier.tokenOf(
                      mailbox
                          .awaitNotificationTo(JANE_EMAIL, NotificationType.RESET_LINK, WAIT)
                          .link());
              SecretWatchExtension.secret(token);
              assertThat(service.completeReset(token, "N3w-Passw0rd!x".toCharArray(), CLIENT))
                  .isInstanceOf(ResetOutcome.Completed.class);

              service.updateSettings(
                  service.settings().withAllowManualEntry(true), AgentContext.of("admin"));
            });
    // Saved settings outlive the context: they are in the database.
    assertThat(JdbcSettingsStore.create(dataSource, Dialect.H2).load())
        .hasValueSatisfying(saved -> assertThat(saved.allowManualEntry()).isTrue());
  }

  @Test
  void jdbcStoresCanBeTurnedOffDespiteADataSource() {
    TestApp.runner()
        .withBean(DataSource.class, () -> h2("jdbc-off"))
        .withPropertyValues("password-reset.jdbc.enabled=false")
        .run(
            context ->
                assertThat(context.getBean(TicketStore.class))
                    .isInstanceOf(InMemoryTicketStore.class));
  }

  @Test
  void withoutTheMailModuleNoJavaMailNotifierIsConfiguredAndTheHostsNotifierServes() {
    new ApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader(JakartaMailNotifier.class))
        .withConfiguration(
            AutoConfigurations.of(
                MailSenderAutoConfiguration.class, PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class, TestApp.Mailbox.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues(
            "spring.mail.host=127.0.0.1", "password-reset.mail.from=no-reply@shop.example")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(JavaMailSender.class);
              assertThat(context).doesNotHaveBean(JavaMailSenderNotifier.class);
              assertThat(context).doesNotHaveBean("passwordResetMailTemplates");
              assertThat(context.getBean(Notifier.class)).isInstanceOf(RecordingNotifier.class);
            });
  }

  @Test
  void mailDisabledSelectsTheLoggingNotifier() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues("password-reset.mail.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Notifier.class)).isInstanceOf(LoggingNotifier.class);
            });
  }

  @Test
  void everyCustomizerIsAppliedToTheBuilder() {
    Instant t0 = Instant.parse("2026-03-10T10:00:00Z");
    TestApp.runner()
        .withPropertyValues("password-reset.allow-manual-entry=true")
        .withBean(
            PasswordResetEngineCustomizer.class,
            () -> builder -> builder.clock(Clock.fixed(t0, ZoneOffset.UTC)))
        .run(
            context -> {
              ManualEntryOutcome outcome =
                  context
                      .getBean(PasswordResetService.class)
                      .setPassword(
                          JANE, "Tmp-Passw0rd!x".toCharArray(), true, AgentContext.of("agent-7"));
              assertThat(outcome)
                  .isEqualTo(new ManualEntryOutcome.PasswordSet(t0.plus(Duration.ofMinutes(60))));
            });
  }

  @Test
  void serviceIsClosedWithTheContext() {
    List<ResetEvent> events = new CopyOnWriteArrayList<>();
    PasswordResetService[] service = new PasswordResetService[1];
    ConfigurableApplicationContext[] holder = new ConfigurableApplicationContext[1];
    TestApp.runner()
        .withBean(ResetEventListener.class, () -> events::add)
        .run(
            context -> {
              service[0] = context.getBean(PasswordResetService.class);
              holder[0] = context.getSourceApplicationContext();
            });
    assertThat(holder[0].isActive()).isFalse();

    // A closed engine takes no more self-service mail, and says so.
    service[0].requestReset(JANE_EMAIL, CLIENT);

    assertThat(events).extracting(ResetEvent::type).contains(ResetEventType.DELIVERY_QUEUE_FULL);
  }

  private static <T> ApplicationContextRunner withHostBean(
      ApplicationContextRunner runner, HostBean<T> host) {
    return runner.withBean("hostBean", host.type(), host::bean);
  }

  static JdbcDataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  /** A service of the host's own; these tests never call it. */
  private static PasswordResetService unusedService() {
    return (PasswordResetService)
        Proxy.newProxyInstance(
            AutoConfigurationTest.class.getClassLoader(),
            new Class<?>[] {PasswordResetService.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "toString":
                  return "host service";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  break;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
