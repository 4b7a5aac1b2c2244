package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.captcha.CaptchaProvider;
import dev.passwordreset.captcha.CaptchaVerifier;
import dev.passwordreset.spring.web.PasswordResetController;
import dev.passwordreset.testkit.SecretWatchExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code password-reset.captcha.provider} selects the ready verifier, which the engine then asks
 * (against a local fake siteverify server on 127.0.0.1); the site key reaches the page; provider
 * failures are counted; missing or bad captcha properties stop start-up naming the property.
 */
class CaptchaAutoConfigurationTest {

  static final String SECRET = "captcha-secret-for-spring-0123456789";

  HttpServer server;
  volatile int status;
  volatile String answer;
  final List<String> forms = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    SecretWatchExtension.secret(SECRET);
    status = 200;
    answer = "{\"success\":true,\"hostname\":\"shop.example\",\"score\":0.9,\"action\":\"reset\"}";
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/siteverify",
        exchange -> {
          try (exchange) {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
              os.write(out);
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/siteverify";
  }

  ApplicationContextRunner runner(String provider) {
    return TestApp.runner()
        .withPropertyValues(
            "password-reset.captcha.provider=" + provider,
            "password-reset.captcha.secret=" + SECRET,
            "password-reset.captcha.site-key=site-key-1",
            "password-reset.captcha.expected-hostname=shop.example",
            "password-reset.captcha.verify-url=" + url());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "turnstile, TURNSTILE",
    "hcaptcha, HCAPTCHA",
    "recaptcha, RECAPTCHA",
    "recaptcha-v3, RECAPTCHA_V3",
    "RECAPTCHA_V3, RECAPTCHA_V3"
  })
  void thePropertySelectsTheProviderAndTheEngineAsksIt(String property, CaptchaProvider provider) {
    ApplicationContextRunner runner = runner(property);
    if (provider == CaptchaProvider.TURNSTILE || provider == CaptchaProvider.RECAPTCHA_V3) {
      // hCaptcha and reCAPTCHA v2 answer no action
      runner = runner.withPropertyValues("password-reset.captcha.expected-action=reset");
    }
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          HumanVerifier verifier = context.getBean(HumanVerifier.class);
          assertThat(verifier).isInstanceOf(CaptchaVerifier.class);
          assertThat(((CaptchaVerifier) verifier).provider()).isEqualTo(provider);
          assertThat(context.getBean(CaptchaSiteKey.class))
              .isEqualTo(new CaptchaSiteKey(provider.id(), "site-key-1"));

          PasswordResetService service = context.getBean(PasswordResetService.class);
          RequestContext ctx =
              RequestContext.of("198.51.100.9").withCaptchaResponse("token-" + property);
          assertThat(service.requestReset("nobody@shop.example", ctx))
              .isInstanceOf(RequestOutcome.Accepted.class);
          assertThat(forms).hasSize(1);
          assertThat(forms.get(0))
              .contains("secret=" + SECRET)
              .contains("response=token-" + property)
              .contains("remoteip=198.51.100.9");

          answer = "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}";
          assertThat(
                  service.requestReset(
                      "nobody@shop.example",
                      RequestContext.of("198.51.100.9").withCaptchaResponse("other")))
              .isInstanceOf(RequestOutcome.CaptchaFailed.class);
        });
  }

  @Test
  void withoutAProviderThereIsNoVerifier() {
    TestApp.runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(HumanVerifier.class);
              assertThat(context).doesNotHaveBean(CaptchaSiteKey.class);
            });
  }

  @Test
  void aHostsOwnVerifierWins() {
    runner("turnstile")
        .withBean(HumanVerifier.class, () -> (response, ctx) -> true)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(HumanVerifier.class))
                  .isNotInstanceOf(CaptchaVerifier.class);
            });
  }

  @Test
  void providerFailuresAreCounted() {
    runner("turnstile")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              status = 503;
              PasswordResetService service = context.getBean(PasswordResetService.class);
              assertThat(
                      service.requestReset(
                          "nobody@shop.example",
                          RequestContext.of("198.51.100.9").withCaptchaResponse("t1")))
                  .isInstanceOf(RequestOutcome.CaptchaFailed.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .get("password.reset.captcha.failures")
                          .tag("provider", "turnstile")
                          .tag("reason", "http-status")
                          .tag("outcome", "refused")
                          .counter()
                          .count())
                  .isEqualTo(1.0);
            });
  }

  @Test
  void failOpenIsTheExplicitProperty() {
    runner("turnstile")
        .withPropertyValues("password-reset.captcha.fail-open=true")
        .run(
            context -> {
              status = 500;
              assertThat(
                      context
                          .getBean(PasswordResetService.class)
                          .requestReset(
                              "nobody@shop.example",
                              RequestContext.of("198.51.100.9").withCaptchaResponse("t2")))
                  .isInstanceOf(RequestOutcome.Accepted.class);
            });
  }

  @Test
  void theCaptchaEndpointGivesTheProviderAndSiteKey() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class, TestApp.Mailbox.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues(
            "password-reset.web.enabled=true",
            "password-reset.captcha.provider=hcaptcha",
            "password-reset.captcha.secret=" + SECRET,
            "password-reset.captcha.site-key=10000000-ffff-ffff-ffff-000000000001")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(PasswordResetController.class).captcha().getBody())
                  .isEqualTo(
                      new PasswordResetController.Captcha(
                          "hcaptcha", "10000000-ffff-ffff-ffff-000000000001"));
            });
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(TestApp.Customers.class, TestApp.Mailbox.class)
        .withPropertyValues(TestApp.BASE_PROPERTIES)
        .withPropertyValues("password-reset.web.enabled=true")
        .run(
            context ->
                assertThat(context.getBean(PasswordResetController.class).captcha().getBody())
                    .isEqualTo(new PasswordResetController.Captcha("none", null)));
  }

  @Test
  void aProviderWithoutSecretOrSiteKeyFailsNamingBoth() {
    TestApp.runner()
        .withPropertyValues("password-reset.captcha.provider=turnstile")
        .run(
            context -> {
              var analysis = StartupFailureTest.analysis(context);
              assertThat(analysis.getDescription())
                  .contains("password-reset.captcha.secret")
                  .contains("password-reset.captcha.site-key");
              assertThat(analysis.getAction()).contains("password-reset.captcha.secret");
            });
  }

  @Test
  void recaptchaV3WithoutExpectedActionFails() {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.captcha.provider=recaptcha-v3",
            "password-reset.captcha.secret=" + SECRET,
            "password-reset.captcha.site-key=k")
        .run(
            context ->
                assertThat(StartupFailureTest.analysis(context).getDescription())
                    .contains("password-reset.captcha.expected-action"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "password-reset.captcha.min-score=0.5 | password-reset.captcha.min-score",
        "password-reset.captcha.timeout=0 | password-reset.captcha.timeout",
        "password-reset.captcha.verify-url=ftp://x/y | password-reset.captcha.verify-url",
        "password-reset.captcha.secret=has space | password-reset.captcha.secret",
      })
  void badValuesFailNamingTheProperty(String assignment, String property) {
    TestApp.runner()
        .withPropertyValues(
            "password-reset.captcha.provider=turnstile",
            "password-reset.captcha.secret=" + SECRET,
            "password-reset.captcha.site-key=k")
        .withPropertyValues(assignment)
        .run(
            context -> {
              var analysis = StartupFailureTest.analysis(context);
              assertThat(analysis.getDescription()).contains(property).doesNotContain(SECRET);
            });
  }

  @Test
  void aProviderWithoutTheModuleFailsNamingIt() {
    runner("turnstile")
        .withClassLoader(new FilteredClassLoader("dev.passwordreset.captcha"))
        .run(
            context ->
                assertThat(StartupFailureTest.analysis(context).getDescription())
                    .contains("password-reset.captcha.provider")
                    .contains("password-reset-captcha"));
  }
}
