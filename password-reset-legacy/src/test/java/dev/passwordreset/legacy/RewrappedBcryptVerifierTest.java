package dev.passwordreset.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.core.hash.Argon2PasswordHasher;
import org.junit.jupiter.api.Test;

/** Offline re-wrapping of bcrypt hashes made by PHP, passlib and Spring. */
class RewrappedBcryptVerifierTest {

  private static final Argon2PasswordHasher HASHER =
      Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).build();

  @Test
  void aRewrappedHashVerifiesTheSamePasswordsAsTheBcryptHash() {
    RewrappedBcryptVerifier verifier = new RewrappedBcryptVerifier(HASHER);
    for (Fixtures.Line line : Fixtures.all()) {
      if (!line.format().equals("bcrypt-2y")
          && !line.format().equals("passlib-bcrypt")
          && !line.format().equals("spring-bare-bcrypt")) {
        continue;
      }
      String wrapped = RewrappedBcryptVerifier.rewrap(line.hash(), HASHER);

      assertThat(wrapped).startsWith("$rewrapped-bcrypt$2").contains("$argon2id$");
      assertThat(wrapped).doesNotContain(line.hash().substring(29));
      assertThat(verifier.supports(wrapped)).as(line.toString()).isTrue();
      assertThat(verifier.verify(line.typed(), wrapped)).as(line.toString()).isTrue();
      if (!line.label().equals("long")) {
        assertThat(verifier.verify(line.wrong(), wrapped)).as(line.toString()).isFalse();
      }
      assertThat(new BcryptVerifier().supports(wrapped)).isFalse();
    }
  }

  @Test
  void onlyBcryptHashesAreRewrapped() {
    assertThatThrownBy(() -> RewrappedBcryptVerifier.rewrap("$P$Babcdefgh", HASHER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bcryptHash");
    assertThat(new RewrappedBcryptVerifier(HASHER).supports("$rewrapped-bcrypt$2y$10$short"))
        .isFalse();
  }
}
