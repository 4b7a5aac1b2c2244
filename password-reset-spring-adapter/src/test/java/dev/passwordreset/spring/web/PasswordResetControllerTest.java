package dev.passwordreset.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

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
  void missingFieldsAreAnsweredLikeUnknownOnes() {
    controller.request(new PasswordResetController.EmailRequest(null, null, null), http);
    assertThat(service.lastEmail).isEmpty();

    assertThat(
            controller
                .complete(new PasswordResetController.CompleteRequest(null, null), http)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(service.lastToken).isEmpty();
  }

  @Test
  void requestBodiesNeverPrintTheirSecrets() {
    assertThat(
            new PasswordResetController.CompleteRequest(TOKEN, "pw-123".toCharArray()).toString())
        .doesNotContain(TOKEN)
        .doesNotContain("pw-123");
    assertThat(new PasswordResetController.TokenRequest(TOKEN).toString()).doesNotContain(TOKEN);
    assertThat(
            new PasswordResetController.PendingRequest(
                    "a@b.example", "pw-123".toCharArray(), null, null)
                .toString())
        .doesNotContain("pw-123");
  }
}
