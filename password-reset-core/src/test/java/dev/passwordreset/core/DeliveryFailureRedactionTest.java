package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.testkit.LogCapture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 10, through the engine: a mail API whose failure message echoes the link or its
 * token, in any encoding, never puts the token in the delivery queue's retry line, the final
 * warning or the {@code DELIVERY_FAILED} event.
 */
class DeliveryFailureRedactionTest {

  /** The forms a mail API may echo: (link, token) to message. */
  private static final List<BiFunction<String, String, String>> FORMS =
      List.of(
          (link, token) -> "raw " + link,
          (link, token) -> "token alone " + token,
          (link, token) -> "percent " + URLEncoder.encode(link, StandardCharsets.UTF_8),
          (link, token) ->
              "percent twice "
                  + URLEncoder.encode(link, StandardCharsets.UTF_8).replace("%", "%25"),
          (link, token) -> "json {\"url\":\"" + link.replace("/", "\\/") + "\"}",
          (link, token) -> "html <a href=\"" + link.replace("&", "&amp;") + "\">",
          (link, token) -> "each char " + everyChar(token, "%%%02X"),
          (link, token) -> "unicode " + everyChar(token, "\\u%04x"),
          (link, token) -> "entities " + everyChar(token, "&#%d;"),
          (link, token) -> "soft break " + token.substring(0, 30) + "=\r\n" + token.substring(30));

  private static String everyChar(String token, String format) {
    StringBuilder b = new StringBuilder();
    for (char c : token.toCharArray()) {
      b.append(String.format(format, (int) c));
    }
    return b.toString();
  }

  @Test
  void noFormOfTheTokenReachesALogLineOrAnEvent() {
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LogCapture log = LogCapture.root();
        Fixture fx =
            new Fixture(
                b ->
                    b.notifier(
                            (Notification n) -> {
                              String token = Mailbox.token(n);
                              tokens.add(token);
                              int form = Integer.parseInt(n.customerId().value().substring(1));
                              String message = FORMS.get(form).apply(n.link(), token);
                              messages.add(message);
                              throw new IllegalStateException("mail API refused: " + message);
                            })
                        .clientRequestLimit(ThrottleLimit.of(1_000, Duration.ofMinutes(1)))
                        .deliveryOptions(
                            DeliveryOptions.defaults()
                                .withAttempts(2)
                                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))))) {
      for (int i = 0; i < FORMS.size(); i++) {
        fx.customer("c" + i, "customer" + i + "@example.com", "Old-Passw0rd!");
        fx.engine.requestReset("customer" + i + "@example.com", Fixture.CLIENT);
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> fx.events(ResetEventType.DELIVERY_FAILED).size() == FORMS.size());

      assertThat(tokens).hasSize(FORMS.size());
      for (String message : messages) {
        assertThat(tokens.stream().anyMatch(t -> leaks(message, t)))
            .as("the test's detector sees the token in %s", message)
            .isTrue();
      }
      List<String> texts = new ArrayList<>(log.lines());
      for (ResetEvent e : fx.events) {
        texts.add(e.toString());
      }
      assertThat(log.lines()).anyMatch(l -> l.contains("could not be delivered"));
      assertThat(log.lines()).anyMatch(l -> l.contains("retrying in"));
      for (String text : texts) {
        for (String token : tokens) {
          assertThat(leaks(text, token)).as(text).isFalse();
        }
      }
      assertThat(fx.events(ResetEventType.DELIVERY_FAILED))
          .allSatisfy(
              e -> assertThat(e.details().get("reason")).containsAnyOf("<link>", "<token>"));
    }
  }

  /** Whether a text holds the token, decoded every way above (independently of the library). */
  private static boolean leaks(String text, String token) {
    String d = text;
    for (int i = 0; i < 3; i++) {
      d = d.replace("\\/", "/").replace("&amp;", "&").replace("=\r\n", "");
      d = decode(d, "%([0-9A-Fa-f]{2})", 16);
      d = decode(d, "\\\\u([0-9A-Fa-f]{4})", 16);
      d = decode(d, "&#([0-9]+);", 10);
    }
    return text.contains(token) || d.contains(token);
  }

  private static String decode(String text, String regex, int radix) {
    return Pattern.compile(regex)
        .matcher(text)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), radix))));
  }
}
