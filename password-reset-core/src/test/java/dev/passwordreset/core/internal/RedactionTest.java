package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14 item 10: {@link Redaction} finds a link and its token in every form they are echoed. */
class RedactionTest {

  private static final String TOKEN = new Tokens(new SecureRandom()).newToken();
  private static final String LINK = "https://shop.example/r?a=1&t=" + TOKEN;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&apos;",
        "&sol;",
        "&equals;",
        "&quest;",
        "&colon;",
        "&#38;",
        "&#x26;",
        "&#X26;"
      })
  void everyEntityIsDecodedAndTheLinkStillFound(String entity) {
    String decoded =
        switch (entity) {
          case "&lt;" -> "<";
          case "&gt;" -> ">";
          case "&quot;" -> "\"";
          case "&apos;" -> "'";
          case "&sol;" -> "/";
          case "&equals;" -> "=";
          case "&quest;" -> "?";
          case "&colon;" -> ":";
          default -> "&";
        };
    String link = "https://shop.example/r" + decoded + "t" + decoded + TOKEN;
    String echoed = "x " + link.replace(decoded, entity) + " y";

    assertThat(Redaction.strip(echoed, link, null)).isEqualTo("x <link> y");
  }

  @Test
  void backslashEscapesAndUnicodeEscapesAreDecoded() {
    assertThat(Redaction.strip("a " + LINK.replace("/", "\\/") + " b", LINK, null))
        .isEqualTo("a <link> b");
    assertThat(Redaction.strip("q\\\"" + TOKEN + "\\\"", null, TOKEN))
        .isEqualTo("q\\\"<token>\\\"");
    assertThat(Redaction.strip("s\\'" + TOKEN + "\\\\", null, TOKEN)).isEqualTo("s\\'<token>\\\\");
    StringBuilder u = new StringBuilder();
    for (char c : TOKEN.toCharArray()) {
      u.append(String.format("\\u%04x", (int) c));
    }
    assertThat(Redaction.strip("<" + u + ">", null, TOKEN)).isEqualTo("<<token>>");
  }

  @Test
  void softLineBreaksInBothEndingsAreJoined() {
    String lf = TOKEN.substring(0, 10) + "=\n" + TOKEN.substring(10);
    String crlf =
        TOKEN.substring(0, 10) + "=\r\n" + TOKEN.substring(10, 20) + "=\r\n" + TOKEN.substring(20);
    assertThat(Redaction.strip("[" + lf + "]", null, TOKEN)).isEqualTo("[<token>]");
    assertThat(Redaction.strip("[" + crlf + "]", null, TOKEN)).isEqualTo("[<token>]");
  }

  @Test
  void textWithoutTheSecretsOrWithBrokenEscapesIsLeftAsItIs() {
    String text = "100% sure & 50%z, \\x \\u12 &#; &#xZZ; &nope; &#99999999999; = end=";
    assertThat(Redaction.strip(text, LINK, TOKEN)).isEqualTo(text);
    assertThat(Redaction.strip("", LINK, TOKEN)).isEmpty();
    assertThat(Redaction.strip("plain", null, null)).isEqualTo("plain");
    assertThat(Redaction.strip("plain", "", "")).isEqualTo("plain");
  }

  @Test
  void escapesNestedUpToThreeLayersAreUndone() {
    StringBuilder once = new StringBuilder();
    for (char c : TOKEN.toCharArray()) {
      once.append(String.format("%%%02X", (int) c));
    }
    String twice = once.toString().replace("%", "%25");
    String thrice = twice.replace("%", "%25");
    assertThat(Redaction.strip(twice, null, TOKEN)).isEqualTo("<token>");
    assertThat(Redaction.strip(thrice, null, TOKEN)).isEqualTo("<token>");
    assertThat(Redaction.strip("&amp;#x41;", null, "A")).isEqualTo("<token>");
  }

  @Test
  void theTokenInALinkIsFoundByItsHashOrByItsLength() {
    assertThat(Redaction.tokensIn(LINK, Tokens.sha256Hex(TOKEN))).containsExactly(TOKEN);
    assertThat(Redaction.tokensIn(LINK, Tokens.sha256Hex("other"))).isEmpty();
    assertThat(Redaction.tokensIn(LINK, null)).containsExactly(TOKEN);
    assertThat(Redaction.tokensIn("https://shop.example/r?t=short", null)).isEmpty();
    String longRun = "https://x.example/" + "A".repeat(10) + TOKEN + "?q=1";
    assertThat(Redaction.tokensIn(longRun, Tokens.sha256Hex(TOKEN))).containsExactly(TOKEN);
    assertThat(Redaction.tokensIn(longRun, null)).containsExactly("A".repeat(10) + TOKEN);
  }
}
