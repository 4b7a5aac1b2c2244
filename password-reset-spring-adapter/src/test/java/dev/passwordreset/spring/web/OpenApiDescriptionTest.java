package dev.passwordreset.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The published OpenAPI description ({@code META-INF/password-reset/openapi.yaml}) names exactly
 * the controller's endpoints, every answer has no-store, and every error the resolver writes is in
 * it.
 */
class OpenApiDescriptionTest {
  private static final String LOCATION = "/META-INF/password-reset/openapi.yaml";

  @Test
  void describesExactlyTheControllersEndpoints() throws Exception {
    Set<String> controller = new TreeSet<>();
    for (Method m : PasswordResetController.class.getDeclaredMethods()) {
      PostMapping post = m.getAnnotation(PostMapping.class);
      GetMapping get = m.getAnnotation(GetMapping.class);
      if (post != null) {
        controller.add("post " + post.value()[0]);
      }
      if (get != null) {
        controller.add("get " + get.value()[0]);
      }
    }
    Set<String> described = new TreeSet<>();
    paths()
        .forEach((path, ops) -> ops.keySet().forEach(method -> described.add(method + " " + path)));
    assertThat(described).isEqualTo(controller);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAnswerIsNoStoreAndEveryOperationDocumentsTheErrorAnswers() throws Exception {
    Map<String, Object> responses =
        (Map<String, Object>) ((Map<String, Object>) yaml().get("components")).get("responses");
    responses.forEach(
        (name, r) ->
            assertThat(((Map<String, Object>) ((Map<String, Object>) r).get("headers")))
                .as("response %s", name)
                .containsKey("Cache-Control"));
    paths()
        .forEach(
            (path, ops) ->
                ops.forEach(
                    (method, op) ->
                        assertThat(((Map<String, Object>) op).get("responses"))
                            .as("%s %s", method, path)
                            .asInstanceOf(
                                org.assertj.core.api.InstanceOfAssertFactories.map(
                                    String.class, Object.class))
                            .containsKeys("405", "500")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyErrorTheResolverWritesIsDescribed() throws Exception {
    Map<String, Object> problem =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((Map<String, Object>) yaml().get("components")).get("schemas"))
                        .get("RequestProblem"))
                .get("properties");
    Object errors = ((Map<String, Object>) problem.get("error")).get("enum");
    String source;
    try (InputStream in =
        OpenApiDescriptionTest.class.getResourceAsStream(
            "/dev/passwordreset/spring/web/WebErrors.class")) {
      source = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    for (String written :
        new String[] {
          "malformed-request",
          "method-not-allowed",
          "unsupported-media-type",
          "not-acceptable",
          "not-found",
          "bad-request",
          "internal-error"
        }) {
      assertThat(source).as("WebErrors writes %s", written).contains(written);
      assertThat((Iterable<Object>) errors).contains(written);
    }
    assertThat((Iterable<Object>) errors)
        .contains("unknown-storefront", "captcha-failed", "invalid-code");
  }

  /** The code endpoints take the controller's fields, and the code's one answer is described. */
  @Test
  @SuppressWarnings("unchecked")
  void describesTheCodeEndpointsBodiesAndTheInvalidCodeAnswer() throws Exception {
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) yaml().get("components")).get("schemas");
    Map<String, Object> codeRequest = (Map<String, Object>) schemas.get("CodeRequest");
    Set<String> fields = new TreeSet<>();
    for (var component : PasswordResetController.CodeRequest.class.getRecordComponents()) {
      fields.add(component.getName());
    }
    assertThat(((Map<String, Object>) codeRequest.get("properties")).keySet())
        .containsExactlyInAnyOrderElementsOf(fields);
    assertThat((Iterable<Object>) codeRequest.get("required"))
        .containsExactlyInAnyOrderElementsOf(fields);

    Map<String, Object> complete =
        (Map<String, Object>) paths().get("/complete-with-code").get("post");
    assertThat(complete.get("responses").toString())
        .contains("#/components/responses/Completed")
        .contains("#/components/responses/BadRequestViolationsOrInvalidCode")
        .contains("#/components/responses/Throttled");
    Map<String, Object> requestCode =
        (Map<String, Object>) paths().get("/request-code").get("post");
    assertThat(requestCode.get("responses").toString())
        .contains("#/components/responses/Accepted")
        .contains("#/components/responses/BadRequest}")
        .contains("#/components/responses/Throttled");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> paths() throws Exception {
    return (Map<String, Map<String, Object>>) yaml().get("paths");
  }

  private static Map<String, Object> yaml() throws Exception {
    try (InputStream in = OpenApiDescriptionTest.class.getResourceAsStream(LOCATION)) {
      assertThat(in).as(LOCATION).isNotNull();
      return new Yaml().load(in);
    }
  }
}
