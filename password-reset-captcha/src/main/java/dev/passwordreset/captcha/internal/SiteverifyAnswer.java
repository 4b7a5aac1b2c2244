package dev.passwordreset.captcha.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider's {@code siteverify} answer, read with Jackson: {@code success} (a JSON boolean,
 * required), {@code hostname}, {@code action} (strings), {@code score} (a number), {@code
 * error-codes} (strings).
 *
 * @param success the provider's verdict
 * @param hostname the site the widget was solved on, or {@code null}
 * @param action the widget's action, or {@code null}
 * @param score the v3 score, or {@code null}
 * @param errorCodes the error codes, possibly empty
 */
public record SiteverifyAnswer(
    boolean success,
    @Nullable String hostname,
    @Nullable String action,
    @Nullable Double score,
    List<String> errorCodes) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The answer was not the documented JSON object. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Reads an answer.
   *
   * @param body the answer's bytes (UTF-8 JSON)
   * @return the answer
   * @throws MalformedException if it is not a JSON object with a boolean {@code success}, or a
   *     field has the wrong type
   */
  public static SiteverifyAnswer parse(byte[] body) throws MalformedException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedException("not a JSON object");
    }
    JsonNode success = root.get("success");
    if (success == null || !success.isBoolean()) {
      throw new MalformedException("no boolean success");
    }
    JsonNode score = root.get("score");
    if (score != null && !score.isNull() && !score.isNumber()) {
      throw new MalformedException("score is not a number");
    }
    List<String> codes = new ArrayList<>();
    JsonNode errorCodes = root.get("error-codes");
    if (errorCodes != null && errorCodes.isArray()) {
      for (JsonNode code : errorCodes.values()) {
        if (code.isString()) {
          codes.add(code.stringValue());
        }
      }
    }
    return new SiteverifyAnswer(
        success.booleanValue(),
        text(root, "hostname"),
        text(root, "action"),
        score == null || score.isNull() ? null : score.doubleValue(),
        List.copyOf(codes));
  }

  private static @Nullable String text(JsonNode root, String field) throws MalformedException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new MalformedException(field + " is not a string");
    }
    return node.stringValue();
  }
}
