package example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.passwordreset.testkit.LogCapture;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer of the web endpoints, Spring's own 400/404/405/415 included, has the library's JSON
 * body and {@code Cache-Control: no-store} (issue 18), through a real server.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.mail.host=127.0.0.1",
      "password-reset.mail.from=no-reply@shop.example",
      "password-reset.link-template=https://shop.example/password/reset?token={token}",
      "password-reset.storefronts.b2b.link-template=https://pro.shop.example/reset?token={token}",
      "password-reset.web.enabled=true",
      "password-reset.hashing.memory-kib=64",
      "password-reset.hashing.iterations=1",
      // The key of the codes' HMAC, so that the code endpoints do not depend on the settings store.
      "password-reset.code.secret=" + WebErrorFormatTest.CODE_SECRET
    })
class WebErrorFormatTest {
  static final String CODE_SECRET = "web-error-format-test-code-secret-0123456789";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void smtpPort(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @BeforeEach
  void theCodeSecretIsASecret() {
    SecretWatchExtension.secret(CODE_SECRET);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{}", "{\"email\":null}", "{\"email\":42}", "{\"email\":[\"a@b.c\"]}"})
  void aMissingOrNonStringEmailIs400NamingTheField(String body) throws Exception {
    HttpResponse<String> answer = post("/password-reset/request", body, "application/json");
    assertProblem(answer, 400, "bad-request");
    assertThat(json(answer).get("field").asString()).isEqualTo("email");
  }

  @Test
  void aMissingTokenIs400NamingTheField() throws Exception {
    HttpResponse<String> answer = post("/password-reset/check", "{}", "application/json");
    assertProblem(answer, 400, "bad-request");
    assertThat(json(answer).get("field").asString()).isEqualTo("token");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{} | email",
        "{\"code\":\"12345678\",\"password\":\"x\"} | email",
        "{\"email\":\"a@b.example\",\"password\":\"x\"} | code",
        "{\"email\":\"a@b.example\",\"code\":null,\"password\":\"x\"} | code",
        "{\"email\":\"a@b.example\",\"code\":12345678,\"password\":\"x\"} | code",
        "{\"email\":[\"a@b.example\"],\"code\":\"12345678\",\"password\":\"x\"} | email",
      })
  void aMissingOrNonStringFieldOfACodeIs400NamingTheField(String body, String field)
      throws Exception {
    HttpResponse<String> answer =
        post("/password-reset/complete-with-code", body, "application/json");
    assertProblem(answer, 400, "bad-request");
    assertThat(json(answer).get("field").asString()).isEqualTo(field);
  }

  @Test
  void aCodeForAnEmailWithoutOneIsTheOneInvalidCodeAnswer() throws Exception {
    HttpResponse<String> answer =
        post(
            "/password-reset/complete-with-code",
            "{\"email\":\"nobody@shop.example\",\"code\":\"1234 5678\","
                + "\"password\":\"N3w-Passw0rd!x\"}",
            "application/json");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(json(answer).get("error").asString()).isEqualTo("invalid-code");
    assertThat(answer.body()).doesNotContain("1234").doesNotContain("nobody");
  }

  @Test
  void theCodeEndpointsTakeOnlyJsonPosts() throws Exception {
    for (String path :
        List.of("/password-reset/request-code", "/password-reset/complete-with-code")) {
      HttpResponse<String> get =
          http.send(
              HttpRequest.newBuilder(uri(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertProblem(get, 405, "method-not-allowed");
      assertThat(get.headers().firstValue("Allow")).hasValue("POST");
      assertProblem(
          post(path, "email=a@b.example", "application/x-www-form-urlencoded"),
          415,
          "unsupported-media-type");
      assertProblem(post(path, "not json", "application/json"), 400, "malformed-request");
    }
    assertThat(
            post(
                    "/password-reset/request-code",
                    "{\"email\":\"nobody@shop.example\"}",
                    "application/json")
                .statusCode())
        .isEqualTo(202);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"email\":", "", "not json", "[1,2]"})
  void malformedJsonOrAnEmptyBodyIs400InTheLibrarysFormat(String body) throws Exception {
    assertProblem(
        post("/password-reset/request", body, "application/json"), 400, "malformed-request");
  }

  @Test
  void aWrongMethodIs405WithAllow() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri("/password-reset/request")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(answer, 405, "method-not-allowed");
    assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    assertProblem(
        post("/password-reset/request", "email=a@b.example", "application/x-www-form-urlencoded"),
        415,
        "unsupported-media-type");
  }

  @Test
  void anUnknownAddressUnderTheBasePathIs404InTheLibrarysFormat() throws Exception {
    assertProblem(post("/password-reset/nope", "{}", "application/json"), 404, "not-found");
  }

  @Test
  void anUnknownStorefrontIs400WithAReasonAndAWarningWithoutTheEmail() throws Exception {
    String email = "jane.secret.address@shop.example";
    HttpResponse<String> answer;
    List<String> lines;
    List<String> all;
    try (LogCapture logs = LogCapture.root()) {
      answer =
          post(
              "/password-reset/request",
              "{\"email\":\"" + email + "\",\"storefront\":\"outlet\"}",
              "application/json");
      lines = logs.messagesAt(ch.qos.logback.classic.Level.WARN);
      all = logs.lines();
    }
    assertProblem(answer, 400, "unknown-storefront");
    assertThat(json(answer).get("field").asString()).isEqualTo("storefront");
    assertThat(json(answer).get("message").asString()).contains("not set up");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("'outlet'", "not configured", "b2b"));
    assertThat(all).noneSatisfy(l -> assertThat(l).contains(email));

    // A configured one is accepted as always.
    assertThat(
            post(
                    "/password-reset/request",
                    "{\"email\":\"" + email + "\",\"storefront\":\"b2b\"}",
                    "application/json")
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void theHostsOtherAddressesKeepSpringsOwnErrors() throws Exception {
    HttpResponse<String> answer = post("/elsewhere", "{}", "application/json");
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).doesNotContain("\"not-found\"");
  }

  private static void assertProblem(HttpResponse<String> answer, int status, String error)
      throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = json(answer);
    assertThat(body.get("error").asString()).isEqualTo(error);
    assertThat(body.get("message").asString()).isNotBlank();
  }

  private static JsonNode json(HttpResponse<String> answer) {
    return JSON.readTree(answer.body());
  }

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
