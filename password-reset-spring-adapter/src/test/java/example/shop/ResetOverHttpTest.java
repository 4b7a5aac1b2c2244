package example.shop;

import static example.shop.ShopApplication.JANE_EMAIL;
import static example.shop.ShopApplication.SAM_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.testkit.LogCapture;
import dev.passwordreset.testkit.SecretWatchExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole self-service flow through a real web server and a real SMTP server: request over HTTP,
 * read the link (or the code) from the email received, complete over HTTP, then log in with the new
 * password.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.mail.host=127.0.0.1",
      "password-reset.mail.from=no-reply@shop.example",
      "password-reset.mail.from-name=Example Shop",
      "password-reset.link-template=https://shop.example/password/reset?token={token}",
      "password-reset.web.enabled=true",
      "password-reset.hashing.memory-kib=64",
      "password-reset.hashing.iterations=1",
      "password-reset.throttle.client-requests.count=3",
      "server.forward-headers-strategy=framework"
    })
class ResetOverHttpTest {
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
  private static final Pattern CODE =
      Pattern.compile("^\\s*([0-9][0-9 ]{4,}[0-9])\\s*$", Pattern.MULTILINE);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String NEW_PASSWORD = "N3w-Passw0rd!x";
  private static final String OTHER_PASSWORD = "Other-Passw0rd!x";

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @LocalServerPort int port;
  @Autowired PasswordResetService service;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void emptyMailbox() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
  }

  @BeforeEach
  void passwordsAreSecrets() {
    // In addition to this class's own look at its log lines, the module's SecretWatchExtension
    // checks every line, of every test, for these and for the token.
    SecretWatchExtension.secret(NEW_PASSWORD);
    SecretWatchExtension.secret(OTHER_PASSWORD);
  }

  @Test
  void customerResetsThroughTheEmailedLinkAndLogsInWithTheNewPassword() throws Exception {
    String token;
    List<String> captured;
    // Thread-safe: a mail thread may still be logging while the lines are read.
    try (LogCapture logs = LogCapture.root()) {
      token = resetThroughTheEmailedLink();
      captured = logs.lines();
    }

    // Nothing logged along the way (messages, exceptions and their stack traces) holds the link's
    // token or a password.
    assertThat(captured).isNotEmpty();
    for (String line : captured) {
      assertThat(line).doesNotContain(token).doesNotContain(NEW_PASSWORD);
    }
  }

  private String resetThroughTheEmailedLink() throws Exception {
    String client = "203.0.113.10";
    HttpResponse<String> requested =
        post("/password-reset/request", "{\"email\":\"" + JANE_EMAIL + "\"}", client);
    assertThat(requested.statusCode()).isEqualTo(202);

    assertThat(SMTP.waitForIncomingEmail(30_000, 1)).isTrue();
    MimeMessage email = SMTP.getReceivedMessages()[0];
    assertThat(email.getAllRecipients()[0].toString()).contains(JANE_EMAIL);
    String token = tokenIn(plainText(email));
    SecretWatchExtension.secret(token);

    // Opening the link, or a scanner prefetching it, never uses it up.
    assertThat(get("/password-reset/complete", client).statusCode()).isEqualTo(405);
    HttpResponse<String> checked =
        post("/password-reset/check", "{\"token\":\"" + token + "\"}", client);
    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(checked.body()).path("purpose").asString())
        .isEqualTo("SELF_SERVICE_RESET");
    assertThat(checked.body()).doesNotContain(token);

    HttpResponse<String> weak =
        post(
            "/password-reset/complete",
            "{\"token\":\"" + token + "\",\"password\":\"password\"}",
            client);
    assertThat(weak.statusCode()).isEqualTo(400);
    JsonNode violations = JSON.readTree(weak.body()).path("violations");
    assertThat(violations.isEmpty()).isFalse();
    assertThat(violations.get(0).path("message").asString()).isNotBlank();

    HttpResponse<String> completed =
        post(
            "/password-reset/complete",
            "{\"token\":\"" + token + "\",\"password\":\"" + NEW_PASSWORD + "\"}",
            client);
    assertThat(completed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(completed.body()).path("signIn").asBoolean()).isTrue();
    assertThat(completed.body()).doesNotContain(token).doesNotContain(NEW_PASSWORD);

    HttpResponse<String> again =
        post(
            "/password-reset/complete",
            "{\"token\":\"" + token + "\",\"password\":\"" + OTHER_PASSWORD + "\"}",
            client);
    assertThat(again.statusCode()).isEqualTo(410);
    assertThat(JSON.readTree(again.body()).path("reason").asString()).isEqualTo("USED");

    assertThat(
            service.checkLogin(JANE_EMAIL, NEW_PASSWORD.toCharArray(), RequestContext.of(client)))
        .isInstanceOf(LoginCheck.Valid.class);
    // The "password changed" notice follows the link.
    assertThat(SMTP.waitForIncomingEmail(30_000, 2)).isTrue();
    return token;
  }

  @Test
  void unknownEmailGetsTheSameAnswerAsAKnownOne() throws Exception {
    HttpResponse<String> unknown =
        post("/password-reset/request", "{\"email\":\"nobody@shop.example\"}", "203.0.113.20");
    HttpResponse<String> known =
        post("/password-reset/request", "{\"email\":\"" + JANE_EMAIL + "\"}", "203.0.113.21");

    assertThat(unknown.statusCode()).isEqualTo(202).isEqualTo(known.statusCode());
    assertThat(unknown.body()).isEqualTo(known.body());
  }

  @Test
  void unknownLinkIs404() throws Exception {
    assertThat(
            post("/password-reset/check", "{\"token\":\"no-such-token\"}", "203.0.113.30")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void tooManyRequestsFromOneClientAre429WithRetryAfter() throws Exception {
    String client = "203.0.113.40";
    for (int i = 0; i < 3; i++) {
      assertThat(
              post("/password-reset/request", "{\"email\":\"x@y.example\"}", client).statusCode())
          .isEqualTo(202);
    }

    HttpResponse<String> fourth =
        post("/password-reset/request", "{\"email\":\"x@y.example\"}", client);
    HttpResponse<String> otherClient =
        post("/password-reset/request", "{\"email\":\"x@y.example\"}", "203.0.113.41");

    assertThat(fourth.statusCode()).isEqualTo(429);
    // Sliding windows (issue 14): a client at its limit waits at most a window and a quarter.
    assertThat(fourth.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 75L);
    assertThat(otherClient.statusCode()).isEqualTo(202);
  }

  @Test
  void aClientOverItsBadLinkLimitGets429WithRetryAfterFromCheck() throws Exception {
    String client = "203.0.113.50";
    for (int i = 0; i < 10; i++) {
      assertThat(
              post("/password-reset/check", "{\"token\":\"guess-" + i + "\"}", client).statusCode())
          .isEqualTo(404);
    }

    HttpResponse<String> throttled =
        post("/password-reset/check", "{\"token\":\"guess-10\"}", client);

    assertThat(throttled.statusCode()).isEqualTo(429);
    // Sliding windows (issue 14): a client at its limit waits at most a window and a quarter.
    assertThat(throttled.headers().firstValueAsLong("Retry-After").orElseThrow())
        .isBetween(1L, 15 * 60L * 5 / 4);
    assertThat(JSON.readTree(throttled.body()).path("error").asString()).isEqualTo("throttled");
  }

  @Test
  void setThenConfirmActivatesOnlyWithThePasswordTypedAgain() throws Exception {
    String client = "203.0.113.60";
    String chosen = "Chosen-Passw0rd!x";
    SecretWatchExtension.secret(chosen);
    assertThat(
            post(
                    "/password-reset/request-with-password",
                    "{\"email\":\"" + JANE_EMAIL + "\",\"password\":\"" + chosen + "\"}",
                    client)
                .statusCode())
        .isEqualTo(202);
    assertThat(SMTP.waitForIncomingEmail(30_000, 1)).isTrue();
    String token = tokenIn(plainText(SMTP.getReceivedMessages()[0]));
    SecretWatchExtension.secret(token);

    HttpResponse<String> wrong =
        post(
            "/password-reset/confirm",
            "{\"token\":\"" + token + "\",\"password\":\"" + OTHER_PASSWORD + "\"}",
            client);
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrong.body()).path("violations").get(0).path("rule").asString())
        .isEqualTo("confirmation-mismatch");
    assertThat(service.checkLogin(JANE_EMAIL, chosen.toCharArray(), RequestContext.of(client)))
        .isInstanceOf(LoginCheck.Invalid.class);

    HttpResponse<String> right =
        post(
            "/password-reset/confirm",
            "{\"token\":\"" + token + "\",\"password\":\"" + chosen + "\"}",
            client);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(service.checkLogin(JANE_EMAIL, chosen.toCharArray(), RequestContext.of(client)))
        .isInstanceOf(LoginCheck.Valid.class);
    assertThat(SMTP.waitForIncomingEmail(30_000, 2)).isTrue(); // the "password changed" notice
  }

  /**
   * Reset by code over HTTP: the code from the email received opens the reset once; a wrong code
   * and a weak password are refused, the customer logs in with the new password.
   */
  @Test
  void customerResetsWithTheEmailedCodeAndLogsInWithTheNewPassword() throws Exception {
    String client = "203.0.113.70";
    String chosen = "Code-Passw0rd!x";
    SecretWatchExtension.secret(chosen);
    HttpResponse<String> requested =
        post("/password-reset/request-code", "{\"email\":\"" + SAM_EMAIL + "\"}", client);
    assertThat(requested.statusCode()).isEqualTo(202);
    assertThat(requested.body())
        .isEqualTo(
            post("/password-reset/request-code", "{\"email\":\"nobody@shop.example\"}", client)
                .body());

    assertThat(SMTP.waitForIncomingEmail(30_000, 1)).isTrue();
    MimeMessage email = SMTP.getReceivedMessages()[0];
    assertThat(email.getAllRecipients()[0].toString()).contains(SAM_EMAIL);
    String code = codeIn(plainText(email));
    SecretWatchExtension.secret(code);
    String wrong = code.substring(0, code.length() - 1) + (code.endsWith("0") ? "1" : "0");

    HttpResponse<String> refused =
        post("/password-reset/complete-with-code", codeBody(SAM_EMAIL, wrong, chosen), client);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).path("error").asString()).isEqualTo("invalid-code");
    HttpResponse<String> weak =
        post("/password-reset/complete-with-code", codeBody(SAM_EMAIL, code, "password"), client);
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(weak.body()).path("error").asString()).isEqualTo("password-rejected");

    // Typed in groups, as the email shows it.
    String grouped = code.substring(0, 4) + " " + code.substring(4);
    HttpResponse<String> completed =
        post("/password-reset/complete-with-code", codeBody(SAM_EMAIL, grouped, chosen), client);
    assertThat(completed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(completed.body()).path("signIn").asBoolean()).isTrue();
    assertThat(completed.body()).doesNotContain(code).doesNotContain(chosen);

    HttpResponse<String> again =
        post(
            "/password-reset/complete-with-code",
            codeBody(SAM_EMAIL, code, OTHER_PASSWORD),
            client);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).isEqualTo(refused.body());
    assertThat(service.checkLogin(SAM_EMAIL, chosen.toCharArray(), RequestContext.of(client)))
        .isInstanceOf(LoginCheck.Valid.class);
    assertThat(SMTP.waitForIncomingEmail(30_000, 2)).isTrue(); // the "password changed" notice
  }

  private static String codeBody(String email, String code, String password) {
    return "{\"email\":\""
        + email
        + "\",\"code\":\""
        + code
        + "\",\"password\":\""
        + password
        + "\"}";
  }

  /** The code: the text part's line of digits (spaces between groups allowed). */
  private static String codeIn(String text) {
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as("a code in the email").isTrue();
    return m.group(1).replace(" ", "");
  }

  /** Sends, and has the watch check the answer's body for secrets. */
  private HttpResponse<String> post(String path, String json, String forwardedFor)
      throws Exception {
    return watched(
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private static HttpResponse<String> watched(HttpResponse<String> response) {
    SecretWatchExtension.inspect(response.body());
    return response;
  }

  private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
    return watched(
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", forwardedFor)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private static String plainText(MimeMessage email) throws Exception {
    Multipart alternative = (Multipart) email.getContent();
    for (int i = 0; i < alternative.getCount(); i++) {
      BodyPart part = alternative.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no text/plain part in " + email.getContentType());
  }

  private static String tokenIn(String text) {
    Matcher m = TOKEN.matcher(text);
    assertThat(m.find()).as("a link in the email").isTrue();
    return m.group(1);
  }
}
