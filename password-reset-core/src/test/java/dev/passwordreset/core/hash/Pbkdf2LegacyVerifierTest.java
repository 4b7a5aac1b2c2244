package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2LegacyVerifierTest {

  private final Pbkdf2LegacyVerifier verifier = new Pbkdf2LegacyVerifier();

  /** PBKDF2-HMAC-SHA256, P = "password", S = "salt", dkLen = 32 (RFC 7914 §11 style vectors). */
  @ParameterizedTest(name = "c={0}")
  @CsvSource({
    "1,    120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b",
    "2,    ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43",
    "4096, c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
  })
  void verifyWhenKnownTestVectorInPasslibFormatThenTrueForPasswordOnly(int iterations, String hex) {
    String encoded = passlib(iterations, "salt".getBytes(), HexFormat.of().parseHex(hex));

    assertThat(verifier.supports(encoded)).isTrue();
    assertThat(verifier.verify("password".toCharArray(), encoded)).isTrue();
    assertThat(verifier.verify("Password".toCharArray(), encoded)).isFalse();
    assertThat(verifier.verify("password ".toCharArray(), encoded)).isFalse();
    assertThat(verifier.verify(new char[0], encoded)).isFalse();
  }

  @Test
  void verifyWhenDocumentedExampleThenTrue() {
    // the example of the class javadoc: "password", salt "salt", 4096 iterations
    assertThat(
            verifier.verify(
                "password".toCharArray(),
                "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o"))
        .isTrue();
  }

  @Test
  void verifyWhenAdaptedBase64HasDotsThenDecodedAsPlus() {
    // made with Python's hashlib.pbkdf2_hmac('sha256', b'Tr0ub4dor&3', bytes(range(200, 216)),
    // 29000) and passlib's adapted base64 ('.' for '+', no padding); the hash holds a '.'
    String encoded =
        "$pbkdf2-sha256$29000$yMnKy8zNzs/Q0dLT1NXW1w$X6TA4o.MBc2ZivwOyPKE1WZ/NA5gWpjexi5fiSVyDKw";

    assertThat(verifier.supports(encoded)).isTrue();
    assertThat(verifier.verify("Tr0ub4dor&3".toCharArray(), encoded)).isTrue();
    assertThat(verifier.verify("Tr0ub4dor&4".toCharArray(), encoded)).isFalse();
  }

  @Test
  void verifyWhenDjangoFormatThenSaltIsTextAndPasswordIsUtf8() {
    // made with Python's hashlib.pbkdf2_hmac('sha256', 'pässwörd'.encode(), b'seasalt42', 260000)
    String encoded = "pbkdf2_sha256$260000$seasalt42$FBbard/V/C6Xx0KUPKGHtMCf1uoiAnk0+3lLY0h71gM=";

    assertThat(verifier.supports(encoded)).isTrue();
    assertThat(verifier.verify("pässwörd".toCharArray(), encoded)).isTrue();
    assertThat(verifier.verify("passwoerd".toCharArray(), encoded)).isFalse();
  }

  @Test
  void verifyWhenEmptyPasswordVectorThenTrue() {
    // PBKDF2-HMAC-SHA256, P = "", S = "salt", c = 1
    String encoded =
        passlib(
            1,
            "salt".getBytes(),
            HexFormat.of()
                .parseHex("f135c27993baf98773c5cdb40a5706ce6a345cde61b000a67858650cd6a324d7"));

    assertThat(verifier.verify(new char[0], encoded)).isTrue();
  }

  @Test
  void verifyWhenIterationsAbsurdThenUnsupportedAndFalseWithoutHashing() {
    String absurd = "$pbkdf2-sha256$10000001$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o";
    String huge = "$pbkdf2-sha256$4294967295$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o";

    assertThat(verifier.supports(absurd)).isFalse();
    assertThat(verifier.verify("password".toCharArray(), absurd)).isFalse();
    assertThat(verifier.supports(huge)).isFalse();
    assertThat(verifier.verify("password".toCharArray(), huge)).isFalse();
    assertThat(Pbkdf2LegacyVerifier.MAX_ITERATIONS).isEqualTo(10_000_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "password",
        "$pbkdf2-sha256$",
        "$pbkdf2-sha256$4096$c2FsdA",
        "$pbkdf2-sha256$4096$c2FsdA$",
        "$pbkdf2-sha256$0$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "$pbkdf2-sha256$-1$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "$pbkdf2-sha256$4k$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "$pbkdf2-sha256$4096$$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=",
        "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZY!k6ABzk4RpJY4c6qYE0o",
        "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKI",
        "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o$more",
        "$pbkdf2-sha512$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "$pbkdf2$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o",
        "pbkdf2_sha256$260000$$FBbard/V/C6Xx0KUPKGHtMCf1uoiAnk0+3lLY0h71gM=",
        "pbkdf2_sha1$260000$seasalt42$FBbard/V/C6Xx0KUPKGHtMCf1uoiAnk0+3lLY0h71gM=",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo"
      })
  void verifyWhenMalformedOrForeignThenFalseAndUnsupported(String encoded) {
    assertThat(verifier.supports(encoded)).isFalse();
    assertThat(verifier.verify("password".toCharArray(), encoded)).isFalse();
  }

  @Test
  void verifyWhenEncodedHugeThenFalse() {
    String huge = "$pbkdf2-sha256$1$" + "A".repeat(10_000) + "$" + "A".repeat(10_000);

    assertThat(verifier.supports(huge)).isFalse();
    assertThat(verifier.verify("password".toCharArray(), huge)).isFalse();
  }

  @Test
  void verifyNeverModifiesTheCallersArray() {
    char[] password = "password".toCharArray();

    verifier.verify(
        password, "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o");

    assertThat(password).isEqualTo("password".toCharArray());
  }

  @Test
  void nullArgumentsThenNullPointerExceptionNamingThem() {
    assertThatThrownBy(() -> verifier.verify(null, "x")).hasMessageContaining("password");
    assertThatThrownBy(() -> verifier.verify(new char[0], null)).hasMessageContaining("encoded");
    assertThatThrownBy(() -> verifier.supports(null)).hasMessageContaining("encoded");
  }

  /** passlib's format: adapted base64 is standard base64 with '.' for '+' and no padding. */
  private static String passlib(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$pbkdf2-sha256$"
        + iterations
        + "$"
        + b64.encodeToString(salt).replace('+', '.')
        + "$"
        + b64.encodeToString(hash).replace('+', '.');
  }
}
