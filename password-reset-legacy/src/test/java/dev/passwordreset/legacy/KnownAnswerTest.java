package dev.passwordreset.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.hash.Pbkdf2LegacyVerifier;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hash made by the real tools (PHP 8.2, WordPress's phpass, Django 3.2, passlib 1.7.4, the
 * argon2 CLI, Spring Security 7.1.2) is read by the verifier a host registers for its platform: the
 * password as typed (ASCII, accented, one NFKC changes) matches, a wrong one does not.
 */
class KnownAnswerTest {

  private static final Argon2PasswordHasher HASHER = new Argon2PasswordHasher();

  /** The verifier for a fixture's format, as the README's migration table names it. */
  static LegacyPasswordVerifier verifierFor(String format) {
    if (format.startsWith("bcrypt-") || format.equals("passlib-bcrypt")) {
      return new BcryptVerifier();
    }
    if (format.startsWith("spring-bare-bcrypt")) {
      return new BcryptVerifier();
    }
    if (format.startsWith("phpass-") || format.startsWith("passlib-phpass")) {
      return new PhpassVerifier();
    }
    if (format.startsWith("wordpress-")) {
      return new WordPressVerifier();
    }
    if (format.startsWith("magento-")) {
      return new MagentoVerifier();
    }
    if (format.startsWith("django-")) {
      return new DjangoVerifier();
    }
    if (format.equals("spring-bare-pbkdf2-v5_8")) {
      return SpringPbkdf2Verifier.springSecurityV5_8();
    }
    if (format.startsWith("spring-")) {
      return new SpringSecurityVerifier();
    }
    if (format.equals("passlib-pbkdf2_sha256")) {
      return new Pbkdf2LegacyVerifier();
    }
    return null; // Argon2 PHC strings: the engine's own hasher reads them
  }

  static Stream<Fixtures.Line> lines() {
    // the bcrypt password beyond 72 bytes has its own test: a wrong last character still matches
    return Fixtures.all().stream()
        .filter(l -> !l.format().equals("spring-noop") && !l.label().equals("long"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void theRightPasswordAsTypedMatchesAndAWrongOneDoesNot(Fixtures.Line line) {
    SecretWatchExtension.secret(line.password());
    LegacyPasswordVerifier verifier = verifierFor(line.format());
    if (verifier == null) {
      assertThat(HASHER.supports(line.hash())).isTrue();
      assertThat(HASHER.verify(line.typed(), line.hash())).isTrue();
      assertThat(HASHER.verify(line.wrong(), line.hash())).isFalse();
      return;
    }
    assertThat(verifier.supports(line.hash())).isTrue();
    assertThat(verifier.verify(line.typed(), line.hash())).isTrue();
    assertThat(verifier.verify(line.wrong(), line.hash())).isFalse();
  }

  @Test
  void everyFileHoldsTheThreeKindsOfPassword() {
    for (String file : Fixtures.FILES) {
      assertThat(Fixtures.read(file))
          .extracting(Fixtures.Line::label)
          .contains("ascii", "accented", "nfkc");
    }
    assertThat(Fixtures.all()).extracting(Fixtures.Line::password).contains("Soleil²-Año-1º");
  }

  @Test
  void bcryptChecksTheFirst72BytesAsPhpDid() {
    Fixtures.Line long72 =
        Fixtures.read("php").stream()
            .filter(l -> l.label().equals("long"))
            .findFirst()
            .orElseThrow();
    byte[] utf8 = long72.password().getBytes(StandardCharsets.UTF_8);
    assertThat(utf8.length).isGreaterThan(72);
    // 36 × "ü" is exactly 72 bytes: what PHP hashed; the tail never counted
    char[] first72 = long72.password().substring(0, 36).toCharArray();
    char[] otherTail = (long72.password().substring(0, 36) + "-another-tail").toCharArray();
    char[] changedInside = long72.password().replaceFirst("ü", "u").toCharArray();

    BcryptVerifier bcrypt = new BcryptVerifier();
    assertThat(bcrypt.verify(long72.typed(), long72.hash())).isTrue();
    assertThat(bcrypt.verify(first72, long72.hash())).isTrue();
    assertThat(bcrypt.verify(otherTail, long72.hash())).isTrue();
    assertThat(bcrypt.verify(changedInside, long72.hash())).isFalse();
  }

  @Test
  void springNoopIsSupportedButAlwaysRefused() {
    SpringSecurityVerifier spring = new SpringSecurityVerifier();
    String noop = "{noop}correct horse battery staple";

    assertThat(spring.supports(noop)).isTrue();
    assertThat(spring.verify("correct horse battery staple".toCharArray(), noop)).isFalse();
  }

  @Test
  void wrappedArgon2HashesUnwrapToWhatTheEngineHasherReads() {
    List<Fixtures.Line> wrapped =
        Fixtures.all().stream()
            .filter(
                l ->
                    l.format().equals("django-argon2")
                        || l.format().startsWith("spring-argon2")
                        || l.format().equals("magento-3"))
            .toList();
    assertThat(wrapped).hasSize(12);
    for (Fixtures.Line line : wrapped) {
      String phc = verifierFor(line.format()).nativeForm(line.hash()).orElseThrow();
      assertThat(HASHER.supports(phc)).as(line.toString()).isTrue();
      assertThat(HASHER.verify(line.typed(), phc)).as(line.toString()).isTrue();
      assertThat(HASHER.verify(line.wrong(), phc)).as(line.toString()).isFalse();
    }
    // an upgraded Magento chain (sha256, then Argon2) wraps nothing the hasher could read
    Fixtures.Line chain =
        Fixtures.read("php").stream()
            .filter(l -> l.format().equals("magento-1-3"))
            .findFirst()
            .orElseThrow();
    assertThat(new MagentoVerifier().nativeForm(chain.hash())).isEmpty();
  }

  @Test
  void verifiersDoNotClaimEachOthersFormats() {
    List<LegacyPasswordVerifier> verifiers =
        List.of(
            new BcryptVerifier(),
            new PhpassVerifier(),
            new DjangoVerifier(),
            new MagentoVerifier(),
            new SpringSecurityVerifier(),
            SpringPbkdf2Verifier.springSecurityV5_8());
    for (Fixtures.Line line : Fixtures.all()) {
      LegacyPasswordVerifier own = verifierFor(line.format());
      for (LegacyPasswordVerifier other : verifiers) {
        if (own == null || other.getClass() != own.getClass()) {
          if (!(other instanceof BcryptVerifier && own instanceof WordPressVerifier)) {
            assertThat(other.supports(line.hash())).as(other + " on " + line).isFalse();
          }
        }
      }
    }
  }

  @Test
  void tamperedOrAbsurdRowsAreNotSupportedAndNeverMatch() {
    List<String> bad =
        Arrays.asList(
            "$2y$31$" + "a".repeat(53), // cost beyond the bound
            "$2y$10$" + "a".repeat(52), // short
            "$2z$10$" + "a".repeat(53), // unknown minor
            "$P$Z" + "a".repeat(30), // 2^61 rounds
            "$P$B" + "a".repeat(29), // short
            "argon2$argon2id$v=19$m=9999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
            "bcrypt_sha256$$2b$12$short",
            "pbkdf2_sha1$0$salt$aGFzaGhhc2hoYXNoaGFzaA==",
            "{scrypt}$ff0801$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==",
            "{pbkdf2}abc",
            "zz:salt:1",
            "0123456789abcdef0123456789abcdef:salt:9",
            "0123456789abcdef0123456789abcdef:salt:3_32_2_99999999999",
            "");
    List<LegacyPasswordVerifier> verifiers =
        List.of(
            new BcryptVerifier(),
            new PhpassVerifier(),
            new WordPressVerifier(),
            new DjangoVerifier(),
            new MagentoVerifier(),
            new SpringSecurityVerifier(),
            SpringPbkdf2Verifier.springSecurityV5_8());
    for (String hash : bad) {
      for (LegacyPasswordVerifier v : verifiers) {
        assertThat(v.supports(hash)).as(v + " on " + hash).isFalse();
        assertThat(v.verify("password".toCharArray(), hash)).as(v + " on " + hash).isFalse();
      }
    }
  }

  @Test
  void theCallersPasswordIsNotModified() {
    for (Fixtures.Line line : Fixtures.read("php")) {
      LegacyPasswordVerifier verifier = verifierFor(line.format());
      if (verifier == null || !line.label().equals("nfkc")) {
        continue;
      }
      char[] typed = line.typed();
      verifier.verify(typed, line.hash());
      assertThat(new String(typed)).isEqualTo(line.password());
    }
  }
}
