package dev.passwordreset.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.spring.StubService;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** How each outcome becomes an HTTP answer. */
class PasswordResetControllerTest {
  private static final String TOKEN = "tok-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop";

  private final StubService service = new StubService();
  private final PasswordResetController controller = new PasswordResetController(service);
  private final MockHttpServletRequest http = new MockHttpServletRequest("POST", "/x");

  PasswordResetControllerTest() {
    http.setRemoteAddr("203.0.113.9");
  }

  @BeforeEach
  void tokenAndPasswordsAreSecrets() {
    SecretWatchExtension.secret(TOKEN);
    SecretWatchExtension.secret("N3w-Passw0rd!x");
    SecretWatchExtension.secret("pw-123");
  }

  @Test
  void everyAcceptedRequestIs202() {
    ResponseEntity<Object> answer =
        controller.request(
            new PasswordResetController.EmailRequest("a@b.example", null, null), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(answer.getBody()).isEqualTo(new PasswordResetController.Status("accepted"));
    assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
  }

  @Test
  void throttledRequestIs429WithRetryAfterInWholeSeconds() {
    service.requestOutcome = new RequestOutcome.Throttled(Duration.ofMillis(90_200));

    ResponseEntity<Object> answer =
        controller.request(
            new PasswordResetController.EmailRequest("a@b.example", null, null), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("91");
  }

  @Test
  void failedCaptchaIs400() {
    service.requestOutcome = new RequestOutcome.CaptchaFailed();

    assertThat(
            controller
                .request(new PasswordResetController.EmailRequest("a@b.example", "x", null), http)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(service.lastContext.captchaResponse()).isEqualTo("x");
  }

  @Test
  void requestContextComesFromTheHttpRequest() {
    http.addHeader(HttpHeaders.USER_AGENT, "Browser\t1.0");
    http.addHeader(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR");
    http.addPreferredLocale(Locale.FRANCE);

    controller.request(new PasswordResetController.EmailRequest("a@b.example", null, "b2b"), http);

    assertThat(service.lastContext.clientAddress()).isEqualTo("203.0.113.9");
    assertThat(service.lastContext.userAgent()).isEqualTo("Browser 1.0");
    assertThat(service.lastContext.locale()).isEqualTo(Locale.FRANCE);
    assertThat(service.lastContext.storefront()).isEqualTo("b2b");
  }

  @Test
  void withoutAcceptLanguageTheCustomersOwnLanguageIsUsed() {
    controller.request(new PasswordResetController.EmailRequest("a@b.example", null, null), http);

    assertThat(service.lastContext.locale()).isNull();
  }

  @Test
  void validLinkIs200WithPurposeAndExpiryButNoToken() {
    Instant expiry = Instant.parse("2026-03-10T10:30:00Z");
    service.tokenCheck =
        new TokenCheck.Valid(new CustomerId("c-1"), TicketPurpose.SELF_SERVICE_RESET, expiry);

    ResponseEntity<Object> answer =
        controller.check(new PasswordResetController.TokenRequest(TOKEN), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody())
        .isEqualTo(new PasswordResetController.ValidLink(TicketPurpose.SELF_SERVICE_RESET, expiry));
    assertThat(String.valueOf(answer.getBody())).doesNotContain(TOKEN).doesNotContain("c-1");
    assertThat(service.lastToken).isEqualTo(TOKEN);
  }

  @ParameterizedTest
  @CsvSource({"UNKNOWN, 404", "EXPIRED, 410", "USED, 410"})
  void invalidLinkIs404WhenUnknownAnd410WhenUsedOrExpired(InvalidReason reason, int status) {
    service.tokenCheck = new TokenCheck.Invalid(reason);
    service.resetOutcome = new ResetOutcome.InvalidToken(reason);

    assertThat(
            controller
                .check(new PasswordResetController.TokenRequest(TOKEN), http)
                .getStatusCode()
                .value())
        .isEqualTo(status);
    assertThat(
            controller
                .complete(
                    new PasswordResetController.CompleteRequest(TOKEN, "x".toCharArray()), http)
                .getStatusCode()
                .value())
        .isEqualTo(status);
    assertThat(
            controller
                .confirm(new PasswordResetController.ConfirmRequest(TOKEN, "x".toCharArray()), http)
                .getStatusCode()
                .value())
        .isEqualTo(status);
  }

  @Test
  void completedResetIs200AndThePasswordIsClearedAfterUse() {
    service.resetOutcome = new ResetOutcome.Completed(new CustomerId("c-1"), true, null);
    char[] password = "N3w-Passw0rd!x".toCharArray();

    ResponseEntity<Object> answer =
        controller.complete(new PasswordResetController.CompleteRequest(TOKEN, password), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).isEqualTo(new PasswordResetController.Completed(true));
    assertThat(service.lastPasswordSeen).isEqualTo("N3w-Passw0rd!x");
    assertThat(password).containsOnly('\0');
  }

  @Test
  void passwordBreakingThePolicyIs400WithTheViolations() {
    List<PolicyViolation> violations =
        List.of(new PolicyViolation("digit", "Add at least one digit (0-9)."));
    service.resetOutcome = new ResetOutcome.Rejected(violations);
    service.pendingOutcome = new PendingOutcome.Rejected(violations);

    ResponseEntity<Object> complete =
        controller.complete(
            new PasswordResetController.CompleteRequest(TOKEN, "weak".toCharArray()), http);
    ResponseEntity<Object> pending =
        controller.requestWithPassword(
            new PasswordResetController.PendingRequest(
                "a@b.example", "weak".toCharArray(), null, null),
            http);

    PasswordResetController.Violations expected =
        new PasswordResetController.Violations("password-rejected", violations);
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(complete.getBody()).isEqualTo(expected);
    assertThat(pending.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(pending.getBody()).isEqualTo(expected);
  }

  @Test
  void acceptedPendingPasswordIs202AndThrottledConfirmIs429() {
    service.resetOutcome = new ResetOutcome.Throttled(Duration.ofSeconds(30));

    assertThat(
            controller
                .requestWithPassword(
                    new PasswordResetController.PendingRequest(
                        "a@b.example", "N3w-Passw0rd!x".toCharArray(), null, null),
                    http)
                .getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    ResponseEntity<Object> confirm =
        controller.confirm(
            new PasswordResetController.ConfirmRequest(TOKEN, "N3w-Passw0rd!x".toCharArray()),
            http);
    assertThat(confirm.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(confirm.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
  }

  @Test
  void throttledLinkCheckIs429WithRetryAfterNotAnInvalidLink() {
    service.tokenCheck = new TokenCheck.Throttled(Duration.ofMinutes(12));

    ResponseEntity<Object> answer =
        controller.check(new PasswordResetController.TokenRequest(TOKEN), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("720");
    assertThat(answer.getBody()).isEqualTo(new PasswordResetController.Throttled("throttled", 720));
  }

  @Test
  void confirmPassesThePasswordTypedAgainAndClearsIt() {
    service.resetOutcome = new ResetOutcome.Completed(new CustomerId("c-1"), true, null);
    char[] password = "N3w-Passw0rd!x".toCharArray();

    ResponseEntity<Object> answer =
        controller.confirm(new PasswordResetController.ConfirmRequest(TOKEN, password), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(service.lastToken).isEqualTo(TOKEN);
    assertThat(service.lastPasswordSeen).isEqualTo("N3w-Passw0rd!x");
    assertThat(password).containsOnly('\0');
  }

  @Test
  void confirmationMismatchIs400WithItsViolation() {
    List<PolicyViolation> mismatch =
        List.of(new PolicyViolation(ResetOutcome.CONFIRMATION_MISMATCH, "Not the one chosen."));
    service.resetOutcome = new ResetOutcome.Rejected(mismatch);

    ResponseEntity<Object> answer =
        controller.confirm(
            new PasswordResetController.ConfirmRequest(TOKEN, "pw-123".toCharArray()), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody())
        .isEqualTo(new PasswordResetController.Violations("password-rejected", mismatch));
  }

  @Test
  void missingOrNonStringFieldsAre400NamingTheFieldAndNeverReachTheService() {
    // Issue 18 changed this answer: a front-end bug used to get 202/404 like an unknown email.
    assertThatThrownBy(
            () ->
                controller.request(
                    new PasswordResetController.EmailRequest(null, null, null), http))
        .isInstanceOfSatisfying(
            WebRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.problem().field()).isEqualTo("email");
            });
    assertThatThrownBy(
            () ->
                controller.request(new PasswordResetController.EmailRequest(42, null, null), http))
        .isInstanceOfSatisfying(
            WebRequestException.class, e -> assertThat(e.problem().field()).isEqualTo("email"));
    assertThatThrownBy(
            () ->
                controller.complete(new PasswordResetController.CompleteRequest(null, null), http))
        .isInstanceOfSatisfying(
            WebRequestException.class, e -> assertThat(e.problem().field()).isEqualTo("token"));
    assertThat(service.lastEmail).isNull();
    assertThat(service.lastToken).isNull();
  }

  @Test
  void codeRequestsGetTheSameAnswersAsLinkRequests() {
    ResponseEntity<Object> accepted =
        controller.requestCode(
            new PasswordResetController.EmailRequest("a@b.example", "cap", "b2b"), http);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(accepted.getBody()).isEqualTo(new PasswordResetController.Status("accepted"));
    assertThat(accepted.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(service.lastEmail).isEqualTo("a@b.example");
    assertThat(service.lastContext.captchaResponse()).isEqualTo("cap");
    assertThat(service.lastContext.storefront()).isEqualTo("b2b");
    assertThat(service.lastContext.clientAddress()).isEqualTo("203.0.113.9");

    service.requestOutcome = new RequestOutcome.CaptchaFailed();
    assertThat(
            controller
                .requestCode(
                    new PasswordResetController.EmailRequest("a@b.example", "x", null), http)
                .getBody())
        .isEqualTo(new PasswordResetController.Problem("captcha-failed"));

    service.requestOutcome = new RequestOutcome.Throttled(Duration.ofMillis(90_200));
    ResponseEntity<Object> throttled =
        controller.requestCode(
            new PasswordResetController.EmailRequest("a@b.example", null, null), http);
    assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("91");
  }

  @Test
  void completedCodeResetIs200WithSignInAndThePasswordIsClearedAfterUse() {
    service.resetOutcome = new ResetOutcome.Completed(new CustomerId("c-1"), true, null);
    char[] password = "N3w-Passw0rd!x".toCharArray();

    ResponseEntity<Object> answer =
        controller.completeWithCode(
            new PasswordResetController.CodeRequest("a@b.example", "1234 5678", password), http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).isEqualTo(new PasswordResetController.Completed(true));
    assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(service.lastEmail).isEqualTo("a@b.example");
    assertThat(service.lastCode).isEqualTo("1234 5678");
    assertThat(service.lastPasswordSeen).isEqualTo("N3w-Passw0rd!x");
    assertThat(service.lastContext.clientAddress()).isEqualTo("203.0.113.9");
    assertThat(password).containsOnly('\0');
  }

  @Test
  void invalidCodeIsOne400WithoutDetailsAndThrottledIs429() {
    service.resetOutcome = new ResetOutcome.InvalidCode();

    ResponseEntity<Object> invalid =
        controller.completeWithCode(
            new PasswordResetController.CodeRequest(
                "a@b.example", "00000000", "N3w-Passw0rd!x".toCharArray()),
            http);

    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(invalid.getBody()).isEqualTo(new PasswordResetController.Problem("invalid-code"));
    assertThat(invalid.getHeaders().getCacheControl()).isEqualTo("no-store");

    service.resetOutcome = new ResetOutcome.Throttled(Duration.ofSeconds(30));
    ResponseEntity<Object> throttled =
        controller.completeWithCode(
            new PasswordResetController.CodeRequest(
                "a@b.example", "00000000", "N3w-Passw0rd!x".toCharArray()),
            http);
    assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
  }

  @Test
  void aCodeWithAPasswordBreakingThePolicyIs400WithTheViolations() {
    List<PolicyViolation> violations =
        List.of(new PolicyViolation("digit", "Add at least one digit (0-9)."));
    service.resetOutcome = new ResetOutcome.Rejected(violations);

    ResponseEntity<Object> answer =
        controller.completeWithCode(
            new PasswordResetController.CodeRequest(
                "a@b.example", "12345678", "weak".toCharArray()),
            http);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody())
        .isEqualTo(new PasswordResetController.Violations("password-rejected", violations));
  }

  @Test
  void aCodeLongerThanAnyCodeStaysLongerThanCoreReads() {
    String typed = "1".repeat(10_000);

    controller.completeWithCode(
        new PasswordResetController.CodeRequest("a@b.example", typed, "x".toCharArray()), http);

    assertThat(service.lastCode).hasSizeGreaterThan(64).hasSizeLessThan(typed.length());
  }

  @Test
  void codeRequestsWithAMissingOrNonStringFieldAre400NamingItAndNeverReachTheService() {
    char[] password = "N3w-Passw0rd!x".toCharArray();
    assertThatThrownBy(
            () ->
                controller.completeWithCode(
                    new PasswordResetController.CodeRequest("a@b.example", null, password), http))
        .isInstanceOfSatisfying(
            WebRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.problem().field()).isEqualTo("code");
            });
    assertThat(password).as("cleared also when refused").containsOnly('\0');
    assertThatThrownBy(
            () ->
                controller.completeWithCode(
                    new PasswordResetController.CodeRequest(
                        "a@b.example", 12345678, "x".toCharArray()),
                    http))
        .isInstanceOfSatisfying(
            WebRequestException.class, e -> assertThat(e.problem().field()).isEqualTo("code"));
    assertThatThrownBy(
            () ->
                controller.completeWithCode(
                    new PasswordResetController.CodeRequest(null, "12345678", "x".toCharArray()),
                    http))
        .isInstanceOfSatisfying(
            WebRequestException.class, e -> assertThat(e.problem().field()).isEqualTo("email"));
    assertThatThrownBy(
            () ->
                controller.requestCode(
                    new PasswordResetController.EmailRequest(null, null, null), http))
        .isInstanceOfSatisfying(
            WebRequestException.class, e -> assertThat(e.problem().field()).isEqualTo("email"));
    assertThat(service.lastEmail).isNull();
    assertThat(service.lastCode).isNull();
  }

  @Test
  void requestBodiesNeverPrintTheirSecrets() {
    assertThat(
            new PasswordResetController.CompleteRequest(TOKEN, "pw-123".toCharArray()).toString())
        .doesNotContain(TOKEN)
        .doesNotContain("pw-123");
    assertThat(new PasswordResetController.TokenRequest(TOKEN).toString()).doesNotContain(TOKEN);
    assertThat(
            new PasswordResetController.CodeRequest(
                    "a@b.example", "8472 1093", "pw-123".toCharArray())
                .toString())
        .doesNotContain("8472")
        .doesNotContain("pw-123");
    assertThat(
            new PasswordResetController.PendingRequest(
                    "a@b.example", "pw-123".toCharArray(), null, null)
                .toString())
        .doesNotContain("pw-123");
  }
}
