package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Link tokens: their form, their randomness source and their stored SHA-256. */
class TokensTest {

  /** A well-formed token: 43 characters, every kind the alphabet has. */
  private static final String GOOD = "AZaz09-_" + "A".repeat(35);

  /** Always the same bytes: 0, 1, 2, ... */
  private static final class CountingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
    }
  }

  @Test
  void newTokenIsThe32BytesOfTheRandomSourceInUnpaddedBase64Url() {
    byte[] expected = new byte[32];
    new CountingRandom().nextBytes(expected);

    String token = new Tokens(new CountingRandom()).newToken();

    assertThat(token)
        .hasSize(Tokens.TOKEN_LENGTH)
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
    assertThat(Tokens.wellFormed(token)).isTrue();
  }

  @Test
  void newTokenWhenCreatedOnASecureRandomThenWellFormedAndNeverRepeated() {
    Tokens tokens = Tokens.create();
    Set<String> seen = new HashSet<>();

    for (int i = 0; i < 1000; i++) {
      String token = tokens.newToken();
      assertThat(Tokens.wellFormed(token)).as(token).isTrue();
      seen.add(token);
    }

    assertThat(seen).hasSize(1000);
  }

  @Test
  void constructorWhenRandomNullThenNullPointerExceptionNamingIt() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Tokens(null))
        .withMessageContaining("random");
  }

  @Test
  void wellFormedWhenEveryCharacterOfTheBase64UrlAlphabetThenTrue() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (char c : alphabet.toCharArray()) {
      String token = String.valueOf(c).repeat(Tokens.TOKEN_LENGTH);
      assertThat(Tokens.wellFormed(token)).as(token).isTrue();
    }
    assertThat(Tokens.wellFormed(GOOD)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(chars = {'+', '/', '=', '.', '~', ' ', '@', '[', '`', '{', ':', '\u00e9', '\u0000'})
  void wellFormedWhenAnyCharacterOutsideTheAlphabetThenFalse(char bad) {
    assertThat(Tokens.wellFormed(bad + GOOD.substring(1))).isFalse();
    assertThat(Tokens.wellFormed(GOOD.substring(0, 20) + bad + GOOD.substring(21))).isFalse();
    assertThat(Tokens.wellFormed(GOOD.substring(0, 42) + bad)).isFalse();
  }

  @Test
  void wellFormedWhenNullOrWrongLengthThenFalse() {
    assertThat(Tokens.wellFormed(null)).isFalse();
    assertThat(Tokens.wellFormed("")).isFalse();
    assertThat(Tokens.wellFormed(GOOD.substring(1))).isFalse();
    assertThat(Tokens.wellFormed(GOOD + "A")).isFalse();
    assertThat(Tokens.wellFormed(GOOD + "=")).isFalse();
  }

  @Test
  void sha256HexIsTheLowerCaseHexOfTheUtf8Bytes() {
    // FIPS 180-2 examples
    assertThat(Tokens.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Tokens.sha256Hex(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // "é" as its two UTF-8 bytes C3 A9
    assertThat(Tokens.sha256Hex("\u00e9"))
        .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    assertThat("é".getBytes(StandardCharsets.UTF_8)).hasSize(2);
  }

  @Test
  void sha256HexWhenCalledFromManyThreadsThenEveryAnswerRight() throws Exception {
    String expected = Tokens.sha256Hex(GOOD);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  boolean ok = true;
                  for (int i = 0; i < 2000; i++) {
                    ok &= Tokens.sha256Hex(GOOD).equals(expected);
                    ok &= Tokens.sha256Hex("abc").startsWith("ba7816bf");
                  }
                  return ok;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
