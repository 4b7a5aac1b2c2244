package dev.passwordreset.core.property;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of hostile text. */
final class Hostile {
  private Hostile() {}

  /** One mebibyte of text, built once. */
  static final String ONE_MB = "A\u00e9\uD83D\uDE00;'\"".repeat(1 << 20).substring(0, 1 << 20);

  /** Texts an attacker or a broken client would send. */
  static final List<String> CLASSICS =
      List.of(
          "",
          " ",
          "\t",
          "\u0000",
          "\uD800",
          "x\uDC00y",
          "\uDBFF\uD800",
          "\r\nBcc: victim@example.com",
          "ann@example.com\r\nBcc: attacker@example.com",
          "ann@example.com\nSubject: hi",
          "\"Ann\" <ann@example.com>, evil@example.com",
          "' OR '1'='1",
          "'; DROP TABLE customers; --",
          "\\'; --",
          "%00",
          "%0d%0aBcc:%20x@example.com",
          "${jndi:ldap://127.0.0.1/a}",
          "{token}",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "\u202Egnp.exe",
          "\uFEFF",
          "ＡＮＮ＠ＥＸＡＭＰＬＥ．ＣＯＭ",
          "a".repeat(321),
          "a".repeat(64 * 1024),
          ONE_MB);

  /** Any text: classics, short random ones over all of UTF-16 (unpaired surrogates, controls). */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.of(CLASSICS),
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("\r\n\t\u0000\u007f\u0085\u2028'\";-%@ ").ofMaxLength(20),
        tokens());
  }

  /** Like {@link #text()}, or null. */
  static Arbitrary<String> textOrNull() {
    return text().injectNull(0.05);
  }

  /** Token-shaped and almost-token-shaped text: 43 base64url characters, or one off. */
  static Arbitrary<String> tokens() {
    net.jqwik.api.arbitraries.StringArbitrary alphabet =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('-', '_');
    return Arbitraries.oneOf(
        alphabet.ofLength(43),
        alphabet.ofMinLength(42).ofMaxLength(44),
        Arbitraries.strings().all().ofLength(43));
  }
}
