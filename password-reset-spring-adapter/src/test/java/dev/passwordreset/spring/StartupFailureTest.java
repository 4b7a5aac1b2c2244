package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.mail.JakartaMailNotifier;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Bad or missing configuration stops start-up with a report that names the property. */
class StartupFailureTest {

  @Test
  void ticketExpirationDelayZeroFailsNamingThePropertyAndItsRange() {
    TestApp.runner()
        .withPropertyValues("password-reset.ticket-expiration-delay=0")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("password-reset.ticket-expiration-delay")
                  .contains("between 1 minute and 30 days");
              assertThat(analysis.getAction()).contains("password-reset.ticket-expiration-delay");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "password-reset.link-lifetime.agent=31d | password-reset.link-lifetime.agent | 30 days",
        "password-reset.link-lifetime.self-service=0 | password-reset.link-lifetime.self-service |"
            + " 1 minute",
        "password-reset.hashing.memory-kib=4 | password-reset.hashing.memory-kib | between 8 and",
        "password-reset.hashing.parallelism=65 | password-reset.hashing.parallelism | between 1"
            + " and 64",
        "password-reset.hashing.parallelism=16 | password-reset.hashing.memory-kib | 8 ×"
            + " parallelism",
        "password-reset.throttle.client-requests.count=0 |"
            + " password-reset.throttle.client-requests.count | at least 1",
        "password-reset.throttle.account-requests.window=0 |"
            + " password-reset.throttle.account-requests.window | between 1 second and 1 day",
        "password-reset.max-password-length=8 | password-reset.max-password-length | between 16"
            + " and 4096",
        "password-reset.policy.min-length=0 | password-reset.policy.min-length | between 1 and",
        "password-reset.delivery.attempts=0 | password-reset.delivery.attempts | between 1 and 20",
        "password-reset.settings-refresh-interval=11m | password-reset.settings-refresh-interval |"
            + " 10 minutes",
        "password-reset.link-template=http://shop.example/reset?token={token} |"
            + " password-reset.link-template | https",
        "password-reset.storefronts.b2b.link-template=https://pro.shop.example/reset |"
            + " password-reset.storefronts.b2b.link-template | {token}",
      })
  void badValueFailsNamingTheProperty(String assignment, String property, String range) {
    TestApp.runner()
        .withPropertyValues(assignment)
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription()).contains(property);
              assertThat(analysis.getDescription()).contains(range);
            });
  }

  /** Core's structured report names the part of a combined call, and the value it was given. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "password-reset.max-password-length=8 | password-reset.max-password-length | was 8",
        "password-reset.throttle.client-requests.count=0 |"
            + " password-reset.throttle.client-requests.count | was 0",
        "password-reset.throttle.client-logins.window=2d |"
            + " password-reset.throttle.client-logins.window | was PT48H",
        "password-reset.hashing.iterations=101 | password-reset.hashing.iterations | was 101",
        "password-reset.policy.min-length=200 | password-reset.policy.min-length | was 200",
        "password-reset.delivery.threads=65 | password-reset.delivery.threads | was 65",
        "password-reset.delivery.initial-backoff=2h | password-reset.delivery.initial-backoff |"
            + " was PT2H",
        "password-reset.delivery.max-backoff=1ms | password-reset.delivery.max-backoff |"
            + " was PT0.001S",
        "password-reset.link-lifetime.account-setup=0 | password-reset.link-lifetime.account-setup"
            + " | was PT0S",
        "password-reset.login-protection.lockout-threshold=101 |"
            + " password-reset.login-protection.lockout-threshold | was 101",
        "password-reset.login-protection.max-delay=2d | password-reset.login-protection.max-delay"
            + " | was PT48H",
        "password-reset.login-protection.first-delay=0 |"
            + " password-reset.login-protection.first-delay | was PT0S",
        "password-reset.login-protection.free-failures=-1 |"
            + " password-reset.login-protection.free-failures | was -1",
        "password-reset.throttle.client-ipv6-prefix-length=16 |"
            + " password-reset.throttle.client-ipv6-prefix-length | was 16",
        "password-reset.code.length=5 | password-reset.code.length | was 5",
        "password-reset.code.length=11 | password-reset.code.length | was 11",
        "password-reset.code.lifetime=2h | password-reset.code.lifetime | was PT2H",
        "password-reset.code.lifetime=30s | password-reset.code.lifetime | was PT30S",
        "password-reset.code.max-attempts=0 | password-reset.code.max-attempts | was 0",
        "password-reset.code.max-attempts=11 | password-reset.code.max-attempts | was 11",
      })
  void badValueFailsNamingThePropertyAndTheValue(String assignment, String property, String value) {
    TestApp.runner()
        .withPropertyValues(assignment)
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("Property " + property + ": must ")
                  .contains(value);
              assertThat(analysis.getAction()).contains(property);
            });
  }

  @Test
  void purgeFixedDelayBelowCoresMinimumFailsNamingThePropertyAndTheValue() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.purge.enabled=true", "password-reset.purge.fixed-delay=0")
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("password-reset.purge.fixed-delay")
                    .contains("at least 1 second")
                    .contains("was PT0S"));
  }

  @Test
  void blankStorefrontLinkTemplateFailsNamingTheProperty() {
    TestApp.runner()
        .withPropertyValues("password-reset.storefronts.b2b.link-template=")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("password-reset.storefronts.b2b.link-template")
                  .contains("is not set");
              assertThat(analysis.getAction()).contains("{token}");
            });
  }

  @Test
  void badCronFailsNamingTheProperty() {
    TestApp.runner()
        .withPropertyValues("password-reset.purge.enabled=true", "password-reset.purge.cron=nope")
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("password-reset.purge.cron"));
  }

  @Test
  void missingLinkTemplateFailsNamingTheProperty() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class, TestApp.Mailbox.class)
        .withPropertyValues("password-reset.hashing.memory-kib=64")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("password-reset.link-template")
                  .contains("is not set");
              assertThat(analysis.getAction()).contains("{token}");
            });
  }

  @Test
  void missingMailConfigurationFailsWithAClearMessage() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription()).contains("no way to send");
              assertThat(analysis.getAction())
                  .contains("spring.mail.host")
                  .contains("dev.passwordreset.api.Notifier")
                  .contains("password-reset.mail.enabled=false");
            });
  }

  /** Spring's mail sender on 127.0.0.1 and a customer store; the rest is up to the test. */
  private static ApplicationContextRunner withSpringMail() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration.class,
                PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues("spring.mail.host=127.0.0.1");
  }

  @Test
  void springMailWithoutTheMailModuleFailsNamingTheDependency() {
    withSpringMail()
        .withClassLoader(new FilteredClassLoader(JakartaMailNotifier.class))
        .withPropertyValues("password-reset.mail.from=no-reply@shop.example")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("no way to send")
                  .contains("password-reset-mail");
              assertThat(analysis.getAction())
                  .contains("dev.passwordreset:password-reset-mail")
                  .contains("dev.passwordreset.api.Notifier")
                  .contains("password-reset.mail.enabled=false");
            });
  }

  @Test
  void springMailWithoutFromAddressFailsNamingTheProperty() {
    withSpringMail()
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("password-reset.mail.from"));
  }

  /** Three bad properties, of three kinds, all in one report, each with an action that fits. */
  @Test
  void everyBadPropertyIsReportedInOneStart() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.ticket-expiration-delay=0",
            "password-reset.hashing.parallelism=65",
            "password-reset.storefronts.b2b.link-template=https://pro.shop.example/reset")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("3 problems")
                  .contains("password-reset.ticket-expiration-delay")
                  .contains("between 1 minute and 30 days")
                  .contains("password-reset.hashing.parallelism")
                  .contains("between 1 and 64")
                  .contains("password-reset.storefronts.b2b.link-template");
              assertThat(analysis.getAction())
                  .contains("1. Change password-reset.hashing.parallelism: it must be between")
                  .contains("2. Change password-reset.ticket-expiration-delay: it must be between")
                  .contains("3. Set password-reset.storefronts.b2b.link-template to the address")
                  .doesNotContain("allowed range");
              PasswordResetConfigurationException failure =
                  (PasswordResetConfigurationException) rootCause(context.getStartupFailure());
              assertThat(failure.problems())
                  .extracting(PasswordResetConfigurationException.Problem::property)
                  .containsExactly(
                      "password-reset.hashing.parallelism",
                      "password-reset.ticket-expiration-delay",
                      "password-reset.storefronts.b2b.link-template");
            });
  }

  /**
   * A code secret too short is reported by its length: the value is in no message, action, cause or
   * stack trace, and the other bad code property is in the same numbered report.
   */
  @Test
  void aShortCodeSecretIsReportedByItsLengthNeverItsValue() {
    String secret = "Short-Secret-é-42"; // 17 characters, 18 bytes in UTF-8
    TestApp.runner()
        .withPropertyValues("password-reset.code.secret=" + secret, "password-reset.code.length=5")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("2 problems")
                  .contains(
                      "1. Invalid password-reset configuration. Property password-reset.code.length: must be between 6 and 10, was 5")
                  .contains(
                      "2. Invalid password-reset configuration. Property password-reset.code.secret: must be 32 to")
                  .contains("in UTF-8, was 18 bytes");
              assertThat(analysis.getAction())
                  .contains("1. Change password-reset.code.length")
                  .contains(
                      "2. Change password-reset.code.secret to a random value of at least 32 bytes");
              java.io.StringWriter trace = new java.io.StringWriter();
              context.getStartupFailure().printStackTrace(new java.io.PrintWriter(trace));
              assertThat(trace.toString()).contains("password-reset.code.secret");
              for (String text :
                  List.of(analysis.getDescription(), analysis.getAction(), trace.toString())) {
                assertThat(text).doesNotContain(secret).doesNotContain("Short-Secret");
              }
            });
  }

  @Test
  void anEmptyCodeSecretIsRefusedNotTakenForUnset() {
    TestApp.runner()
        .withPropertyValues("password-reset.code.secret=")
        .run(
            context ->
                assertThat(analysis(context).getDescription())
                    .contains("Property password-reset.code.secret: must be 32 to")
                    .contains("was 0 bytes"));
  }

  /** A missing sender address no longer hides a missing link template until the next start. */
  @Test
  void missingFromAndMissingLinkTemplateAreReportedTogether() {
    withSpringMail()
        .withPropertyValues("password-reset.link-template=", "password-reset.mail.reply-to=x@")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context);
              assertThat(analysis.getDescription())
                  .contains("3 problems")
                  .contains("password-reset.link-template")
                  .contains("password-reset.mail.from: is not set")
                  .contains("password-reset.mail.reply-to");
              assertThat(analysis.getAction())
                  .contains("https://shop.example/password/reset?token={token}")
                  .contains("no-reply@shop.example");
            });
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (!(t instanceof PasswordResetConfigurationException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Test
  void missingCustomerStoreFailsWithAClearMessage() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Mailbox.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .run(
            context ->
                assertThat(analysis(context).getAction())
                    .contains("dev.passwordreset.api.CustomerStore"));
  }

  @Test
  void disabledAutoConfigurationCreatesNothing() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withPropertyValues("password-reset.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(dev.passwordreset.api.PasswordResetService.class));
  }

  @Test
  void failureAnalyzerIsRegisteredInSpringFactories() throws Exception {
    List<String> analyzers = new ArrayList<>();
    for (URL url :
        Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
      Properties factories = new Properties();
      try (InputStream in = url.openStream()) {
        factories.load(in);
      }
      String names = factories.getProperty(FailureAnalyzer.class.getName(), "");
      for (String name : names.split(",")) {
        analyzers.add(name.strip());
      }
    }
    assertThat(analyzers).contains(PasswordResetFailureAnalyzer.class.getName());
  }

  @Test
  void autoConfigurationIsRegisteredInTheImportsFile() {
    assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
        .contains(PasswordResetAutoConfiguration.class.getName());
  }

  /** What Spring Boot would print for the context's start-up failure. */
  static FailureAnalysis analysis(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    FailureAnalysis analysis =
        new PasswordResetFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
    return analysis;
  }
}
