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

  @Test
  void verifyWhenHashAtItsShortestOrLongestAcceptedLengthThenChecked() {
    // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, dkLen = 64
    String longest =
        passlib(
            1,
            "salt".getBytes(),
            HexFormat.of()
                .parseHex(
                    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                        + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"));
    // the first 16 bytes of the 32-byte vector for "password" / "salt" / c = 1
    String shortest =
        passlib(1, "salt".getBytes(), HexFormat.of().parseHex("120fb6cffcf8b32c43e7225256c4f837"));

    assertThat(verifier.supports(longest)).isTrue();
    assertThat(verifier.verify("passwd".toCharArray(), longest)).isTrue();
    assertThat(verifier.verify("password".toCharArray(), longest)).isFalse();
    assertThat(verifier.supports(shortest)).isTrue();
    assertThat(verifier.verify("password".toCharArray(), shortest)).isTrue();
    assertThat(verifier.verify("passwd".toCharArray(), shortest)).isFalse();
  }

  @Test
  void verifyWhenSaltAtItsShortestOrLongestAcceptedLengthThenChecked() {
    // made with Python's hashlib.pbkdf2_hmac('sha256', b'password', salt, c, 32)
    String oneByte =
        passlib(
            2,
            new byte[] {7},
            HexFormat.of()
                .parseHex("4e40eb0da087eff1893ee7f7e7de0d6d3fb88d551871712d99aa2798a1c6e94a"));
    byte[] kilobyte = new byte[1024];
    for (int i = 0; i < kilobyte.length; i++) {
      kilobyte[i] = (byte) i; // bytes(range(256)) * 4
    }
    String longSalt =
        passlib(
            1,
            kilobyte,
            HexFormat.of()
                .parseHex("cae3a393096926f68eb9c5b97f47efde363710b3f3aaff50e99aa7d6b6002c8c"));
    String djangoLongSalt =
        "pbkdf2_sha256$1$"
            + "s".repeat(1024)
            + "$"
            + Base64.getEncoder()
                .encodeToString(
                    HexFormat.of()
                        .parseHex(
                            "289467eb649d1ddf37bbb9297449c7efed200817b87d396aa4876ae1a5128de7"));

    assertThat(verifier.verify("password".toCharArray(), oneByte)).isTrue();
    assertThat(verifier.verify("password".toCharArray(), longSalt)).isTrue();
    assertThat(verifier.verify("password".toCharArray(), djangoLongSalt)).isTrue();
    assertThat(verifier.verify("passwort".toCharArray(), djangoLongSalt)).isFalse();
  }

  @Test
  void supportsWhenIterationsAtTheMaximumThenTrueAndOneMoreThenFalse() {
    String hash = "$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o";

    // not verified: ten million iterations take seconds
    assertThat(verifier.supports("$pbkdf2-sha256$10000000" + hash)).isTrue();
    assertThat(verifier.supports("$pbkdf2-sha256$9999999" + hash)).isTrue();
    assertThat(verifier.supports("$pbkdf2-sha256$10000001" + hash)).isFalse();
    assertThat(verifier.supports("$pbkdf2-sha256$100000000" + hash)).isFalse();
  }

  @Test
  void supportsWhenSaltOrHashOutsideTheAcceptedLengthsThenFalse() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String salt = b64.encodeToString("salt".getBytes());
    String hash32 = b64.encodeToString(new byte[32]);

    assertThat(verifier.supports("$pbkdf2-sha256$1$" + salt + "$" + hash32)).isTrue();
    assertThat(
            verifier.supports("$pbkdf2-sha256$1$" + salt + "$" + b64.encodeToString(new byte[15])))
        .isFalse();
    assertThat(
            verifier.supports("$pbkdf2-sha256$1$" + salt + "$" + b64.encodeToString(new byte[65])))
        .isFalse();
    assertThat(
            verifier.supports(
                "$pbkdf2-sha256$1$" + b64.encodeToString(new byte[1025]) + "$" + hash32))
        .isFalse();
    assertThat(verifier.supports("pbkdf2_sha256$1$" + "s".repeat(1025) + "$" + hash32 + "="))
        .isFalse();
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
