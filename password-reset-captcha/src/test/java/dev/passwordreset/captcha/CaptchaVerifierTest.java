package dev.passwordreset.captcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.testkit.LogCapture;
import dev.passwordreset.testkit.MutableClock;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every provider against a local fake {@code siteverify} server (JDK HttpServer on 127.0.0.1):
 * success, refusal, wrong hostname, v3 score and action, timeout, 5xx, oversized and malformed
 * answers, replay, the form fields sent, fail-open, and the secret kept out of every log line (the
 * SecretWatchExtension is on for the whole suite; the secret is registered with it).
 */
class CaptchaVerifierTest {

  static final String SECRET = "0x4AAAAAAAtestSECRETvalue0123456789";
  static final String SITE_KEY = "0x4AAAAAAAtestSITEkey";
  static final String HOST = "shop.example.com";
  static final String ACTION = "password_reset";
  static final RequestContext CONTEXT = RequestContext.of("203.0.113.7");
  static final AtomicInteger TOKENS = new AtomicInteger();

  FakeSiteverify server;
  final List<CaptchaFailure> failures = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    SecretWatchExtension.secret(SECRET);
    server = new FakeSiteverify();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String token() {
    return "widget-token-" + TOKENS.incrementAndGet() + "-x";
  }

  CaptchaVerifier.Builder builder(CaptchaProvider provider) {
    CaptchaVerifier.Builder b =
        CaptchaVerifier.builder(provider)
            .secret(SECRET)
            .siteKey(SITE_KEY)
            .expectedHostnames(HOST)
            .verifyUrl(server.url())
            .timeout(Duration.ofMillis(500))
            .failureListener(failures::add);
    if (provider == CaptchaProvider.RECAPTCHA_V3) {
      b.expectedAction(ACTION).minScore(0.5);
    }
    return b;
  }

  /** A success answer as the provider documents it. */
  static String success(CaptchaProvider provider, String hostname) {
    String common =
        "\"success\":true,\"challenge_ts\":\"2026-11-30T05:00:00Z\",\"hostname\":\""
            + hostname
            + "\"";
    return switch (provider) {
      case RECAPTCHA_V3 -> "{" + common + ",\"score\":0.9,\"action\":\"" + ACTION + "\"}";
      case TURNSTILE -> "{" + common + ",\"error-codes\":[],\"action\":\"login\",\"cdata\":\"\"}";
      case HCAPTCHA -> "{" + common + ",\"credit\":false}";
      case RECAPTCHA -> "{" + common + "}";
    };
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void successSendsTheDocumentedForm(CaptchaProvider provider) {
    server.answer(success(provider, HOST));
    CaptchaVerifier verifier = builder(provider).build();
    String token = token();

    assertThat(verifier.verify(token, CONTEXT)).isTrue();

    assertThat(server.forms()).hasSize(1);
    Map<String, String> form = server.forms().get(0);
    assertThat(form)
        .containsEntry("(method)", "POST")
        .containsEntry("(content-type)", "application/x-www-form-urlencoded")
        .containsEntry("secret", SECRET)
        .containsEntry("response", token)
        .containsEntry("remoteip", "203.0.113.7");
    if (provider == CaptchaProvider.HCAPTCHA) {
      assertThat(form).containsEntry("sitekey", SITE_KEY);
    } else {
      assertThat(form).doesNotContainKey("sitekey");
    }
    assertThat(failures).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void hostnameIsComparedWithoutCase(CaptchaProvider provider) {
    server.answer(success(provider, "SHOP.Example.com"));
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void refusalWithErrorCodesIsFalse(CaptchaProvider provider) {
    server.answer("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isFalse();
    assertThat(failures).isEmpty(); // a refusal is not a provider failure
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void duplicateAnsweredByTheProviderIsFalse(CaptchaProvider provider) {
    server.answer("{\"success\":false,\"error-codes\":[\"timeout-or-duplicate\"]}");
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void wrongHostnameIsFalse(CaptchaProvider provider) {
    server.answer(success(provider, "evil.example.net"));
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void missingHostnameIsFalseWhenOneIsExpected(CaptchaProvider provider) {
    String answer = success(provider, HOST).replaceAll(",\"hostname\":\"[^\"]*\"", "");
    assertThat(answer).doesNotContain("hostname");
    server.answer(answer);
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void noExpectedHostnameMeansNotChecked(CaptchaProvider provider) {
    server.answer(success(provider, "anywhere.example.org"));
    CaptchaVerifier.Builder b =
        CaptchaVerifier.builder(provider).secret(SECRET).verifyUrl(server.url());
    if (provider == CaptchaProvider.RECAPTCHA_V3) {
      b.expectedAction(ACTION);
    }
    assertThat(b.build().verify(token(), CONTEXT)).isTrue();
  }

  @Test
  void v3LowScoreIsFalse() {
    server.answer(
        "{\"success\":true,\"hostname\":\""
            + HOST
            + "\",\"score\":0.3,\"action\":\""
            + ACTION
            + "\"}");
    assertThat(builder(CaptchaProvider.RECAPTCHA_V3).build().verify(token(), CONTEXT)).isFalse();
  }

  @Test
  void v3ScoreAtTheThresholdPasses() {
    server.answer(
        "{\"success\":true,\"hostname\":\""
            + HOST
            + "\",\"score\":0.5,\"action\":\""
            + ACTION
            + "\"}");
    assertThat(builder(CaptchaProvider.RECAPTCHA_V3).build().verify(token(), CONTEXT)).isTrue();
  }

  @Test
  void v3MissingScoreIsFalse() {
    server.answer("{\"success\":true,\"hostname\":\"" + HOST + "\",\"action\":\"" + ACTION + "\"}");
    assertThat(builder(CaptchaProvider.RECAPTCHA_V3).build().verify(token(), CONTEXT)).isFalse();
  }

  @Test
  void v3WrongActionIsFalse() {
    server.answer(
        "{\"success\":true,\"hostname\":\"" + HOST + "\",\"score\":0.9,\"action\":\"login\"}");
    assertThat(builder(CaptchaProvider.RECAPTCHA_V3).build().verify(token(), CONTEXT)).isFalse();
  }

  @Test
  void v3MissingActionIsFalse() {
    server.answer("{\"success\":true,\"hostname\":\"" + HOST + "\",\"score\":0.9}");
    assertThat(builder(CaptchaProvider.RECAPTCHA_V3).build().verify(token(), CONTEXT)).isFalse();
  }

  @Test
  void turnstileActionIsCheckedWhenConfigured() {
    server.answer(success(CaptchaProvider.TURNSTILE, HOST)); // action "login"
    assertThat(
            builder(CaptchaProvider.TURNSTILE)
                .expectedAction(ACTION)
                .build()
                .verify(token(), CONTEXT))
        .isFalse();
    assertThat(
            builder(CaptchaProvider.TURNSTILE)
                .expectedAction("login")
                .build()
                .verify(token(), CONTEXT))
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void timeoutIsFalseAndReported(CaptchaProvider provider) {
    server.hang();
    CaptchaVerifier verifier = builder(provider).timeout(Duration.ofMillis(300)).build();
    assertThat(verifier.verify(token(), CONTEXT)).isFalse();
    assertThat(failures)
        .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.TIMEOUT, false));
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void serverErrorIsFalseAndReported(CaptchaProvider provider) {
    server.answer(503, success(provider, HOST));
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isFalse();
    assertThat(failures)
        .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.HTTP_STATUS, false));
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void oversizedAnswerIsFalseAndReported(CaptchaProvider provider) {
    server.answer(oversized(provider));
    assertThat(builder(provider).maxResponseBytes(1024).build().verify(token(), CONTEXT)).isFalse();
    assertThat(failures)
        .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.OVERSIZED, false));
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void oversizedChunkedAnswerIsFalseAndReported(CaptchaProvider provider) {
    server.chunked().answer(oversized(provider));
    assertThat(builder(provider).maxResponseBytes(1024).build().verify(token(), CONTEXT)).isFalse();
    assertThat(failures)
        .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.OVERSIZED, false));
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void chunkedAnswerWithinTheLimitIsRead(CaptchaProvider provider) {
    server.chunked().answer(success(provider, HOST));
    assertThat(builder(provider).build().verify(token(), CONTEXT)).isTrue();
  }

  /** A valid success answer, padded past 1 KiB: refused for its size alone. */
  static String oversized(CaptchaProvider provider) {
    String ok = success(provider, HOST);
    return ok.substring(0, ok.length() - 1) + ",\"pad\":\"" + "x".repeat(2000) + "\"}";
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void malformedAnswersAreFalseAndReported(CaptchaProvider provider) {
    for (String bad :
        List.of(
            "<html>Bad gateway</html>",
            "{\"success\":true",
            "[true]",
            "{\"success\":\"true\",\"hostname\":\"" + HOST + "\"}",
            "{\"hostname\":\"" + HOST + "\"}",
            "{\"success\":true,\"hostname\":42}",
            "")) {
      failures.clear();
      server.answer(bad);
      assertThat(builder(provider).build().verify(token(), CONTEXT)).as(bad).isFalse();
      assertThat(failures)
          .as(bad)
          .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.MALFORMED, false));
    }
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void unreachableProviderIsFalseAndReported(CaptchaProvider provider) {
    java.net.URI url = server.url();
    server.close(); // nothing listens on the port any more
    CaptchaVerifier verifier = builder(provider).verifyUrl(url).build();
    assertThat(verifier.verify(token(), CONTEXT)).isFalse();
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).reason())
        .isIn(CaptchaFailure.Reason.NETWORK, CaptchaFailure.Reason.TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void replayedTokenIsRefusedLocally(CaptchaProvider provider) {
    server.answer(success(provider, HOST));
    CaptchaVerifier verifier = builder(provider).build();
    String token = token();

    assertThat(verifier.verify(token, CONTEXT)).isTrue();
    assertThat(verifier.verify(token, CONTEXT)).isFalse();
    assertThat(verifier.verify(token, RequestContext.of("198.51.100.1"))).isFalse();

    assertThat(server.forms()).hasSize(1); // the provider was asked once
    assertThat(verifier.verify(token(), CONTEXT)).isTrue(); // another token is fine
  }

  /**
   * Eight requests racing with one token, a provider that (unlike the real ones) accepts it every
   * time: exactly one is let through, by the guard's atomic check-and-record after the answer.
   */
  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void concurrentUsesOfOneTokenLetExactlyOneThrough(CaptchaProvider provider) throws Exception {
    server.answer(success(provider, HOST));
    CaptchaVerifier verifier = builder(provider).timeout(Duration.ofSeconds(10)).build();
    String token = token();
    int threads = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return verifier.verify(token, CONTEXT);
                }));
      }
      start.countDown();
      int passed = 0;
      for (java.util.concurrent.Future<Boolean> result : results) {
        passed += result.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(passed).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void replayWindowExpires() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-30T05:00:00Z"));
    server.answer(success(CaptchaProvider.TURNSTILE, HOST));
    CaptchaVerifier verifier =
        builder(CaptchaProvider.TURNSTILE).clock(clock).replayWindow(Duration.ofMinutes(5)).build();
    String token = token();
    assertThat(verifier.verify(token, CONTEXT)).isTrue();
    clock.advance(Duration.ofMinutes(4));
    assertThat(verifier.verify(token, CONTEXT)).isFalse();
    clock.advance(Duration.ofMinutes(2));
    // forgotten locally: the provider is asked again (and would answer timeout-or-duplicate)
    server.answer("{\"success\":false,\"error-codes\":[\"timeout-or-duplicate\"]}");
    assertThat(verifier.verify(token, CONTEXT)).isFalse();
    assertThat(server.forms()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void missingOrBlankTokenIsFalseWithoutAsking(CaptchaProvider provider) {
    CaptchaVerifier verifier = builder(provider).build();
    assertThat(verifier.verify(null, CONTEXT)).isFalse();
    assertThat(verifier.verify("  ", CONTEXT)).isFalse();
    assertThat(verifier.verify("x".repeat(CaptchaVerifier.MAX_TOKEN_LENGTH + 1), CONTEXT))
        .isFalse();
    assertThat(server.forms()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void failOpenLetsThroughOnProviderFailureAndWarns(CaptchaProvider provider) {
    try (LogCapture log = LogCapture.of(CaptchaVerifier.class)) {
      server.answer(502, "bad gateway");
      CaptchaVerifier verifier = builder(provider).failOpen(true).build();
      assertThat(log.messagesAt(Level.WARN)).singleElement().asString().contains("fail-open");

      String token = token();
      assertThat(verifier.verify(token, CONTEXT)).isTrue();
      assertThat(failures)
          .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.HTTP_STATUS, true));
      assertThat(log.messagesAt(Level.WARN)).hasSize(2).last().asString().contains("let through");

      // even fail-open, a token is used once
      assertThat(verifier.verify(token, CONTEXT)).isFalse();
      // and a provider's refusal is still a refusal
      server.answer("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
      assertThat(verifier.verify(token(), CONTEXT)).isFalse();
      // and a missing token too
      assertThat(verifier.verify(null, CONTEXT)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void failOpenStillRefusesWhenTheProviderRefusesTheSecret(CaptchaProvider provider) {
    server.answer("{\"success\":false,\"error-codes\":[\"invalid-input-secret\"]}");
    CaptchaVerifier verifier = builder(provider).failOpen(true).build();
    assertThat(verifier.verify(token(), CONTEXT)).isFalse();
    assertThat(failures)
        .containsExactly(new CaptchaFailure(provider, CaptchaFailure.Reason.MISCONFIGURED, false));
  }

  @Test
  void failClosedIsTheDefaultAndQuiet() {
    try (LogCapture log = LogCapture.of(CaptchaVerifier.class)) {
      CaptchaVerifier verifier = builder(CaptchaProvider.TURNSTILE).build();
      assertThat(verifier.failOpen()).isFalse();
      assertThat(log.messagesAt(Level.WARN)).isEmpty();
    }
  }

  @Test
  void aThrowingListenerDoesNotChangeTheAnswer() {
    server.answer(500, "");
    CaptchaVerifier verifier =
        builder(CaptchaProvider.HCAPTCHA)
            .failureListener(
                f -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    assertThat(verifier.verify(token(), CONTEXT)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(CaptchaProvider.class)
  void secretTokenAndAddressAreInNoLogLine(CaptchaProvider provider) {
    String token = token();
    try (LogCapture log = LogCapture.root()) {
      CaptchaVerifier verifier = builder(provider).failOpen(true).build();
      server.answer(success(provider, HOST));
      verifier.verify(token, CONTEXT);
      verifier.verify(token, CONTEXT);
      server.answer("{\"success\":false,\"error-codes\":[\"invalid-input-secret\"]}");
      verifier.verify(token(), CONTEXT);
      server.answer(500, "");
      verifier.verify(token(), CONTEXT);
      server.answer("not json " + SECRET);
      verifier.verify(token(), CONTEXT);

      assertThat(log.lines()).isNotEmpty();
      assertThat(String.join("\n", log.lines()))
          .doesNotContain(SECRET)
          .doesNotContain(token)
          .doesNotContain("203.0.113.7");
      assertThat(verifier.toString()).doesNotContain(SECRET).contains("(redacted)");
    }
  }

  @Test
  void badConfigurationNamesTheField() {
    assertThatThrownBy(() -> CaptchaVerifier.builder(CaptchaProvider.TURNSTILE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
    assertThatThrownBy(() -> CaptchaVerifier.builder(CaptchaProvider.TURNSTILE).secret(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret");
    assertThatThrownBy(
            () -> CaptchaVerifier.builder(CaptchaProvider.TURNSTILE).secret("has space" + SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret")
        .message()
        .doesNotContain(SECRET);
    assertThatThrownBy(
            () -> CaptchaVerifier.builder(CaptchaProvider.RECAPTCHA_V3).secret(SECRET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedAction");
    assertThatThrownBy(() -> CaptchaVerifier.builder(CaptchaProvider.TURNSTILE).minScore(0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minScore");
    assertThatThrownBy(() -> CaptchaVerifier.builder(CaptchaProvider.RECAPTCHA_V3).minScore(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minScore");
    assertThatThrownBy(() -> CaptchaVerifier.builder(CaptchaProvider.HCAPTCHA).expectedAction("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedAction");
    assertThatThrownBy(
            () -> CaptchaVerifier.builder(CaptchaProvider.HCAPTCHA).timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () ->
                CaptchaVerifier.builder(CaptchaProvider.HCAPTCHA)
                    .connectTimeout(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(
            () ->
                CaptchaVerifier.builder(CaptchaProvider.HCAPTCHA)
                    .verifyUrl(java.net.URI.create("ftp://x/siteverify")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verifyUrl");
    assertThatThrownBy(() -> CaptchaVerifier.builder(CaptchaProvider.HCAPTCHA).maxResponseBytes(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResponseBytes");
    assertThatThrownBy(
            () -> CaptchaVerifier.builder(CaptchaProvider.HCAPTCHA).expectedHostnames("a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedHostname");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(CaptchaVerifier.DEFAULT_CONNECT_TIMEOUT).isEqualTo(Duration.ofSeconds(3));
    assertThat(CaptchaVerifier.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    assertThat(CaptchaVerifier.DEFAULT_MAX_RESPONSE_BYTES).isEqualTo(65536);
    assertThat(CaptchaVerifier.DEFAULT_REPLAY_WINDOW).isEqualTo(Duration.ofMinutes(5));
    assertThat(CaptchaProvider.TURNSTILE.defaultVerifyUrl())
        .hasToString("https://challenges.cloudflare.com/turnstile/v0/siteverify");
    assertThat(CaptchaProvider.HCAPTCHA.defaultVerifyUrl())
        .hasToString("https://api.hcaptcha.com/siteverify");
    assertThat(CaptchaProvider.RECAPTCHA.defaultVerifyUrl())
        .hasToString("https://www.google.com/recaptcha/api/siteverify");
    assertThat(CaptchaProvider.RECAPTCHA_V3.defaultVerifyUrl())
        .isEqualTo(CaptchaProvider.RECAPTCHA.defaultVerifyUrl());
  }
}
