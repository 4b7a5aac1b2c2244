package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PHC-string parser behind {@code supports}, {@code verify} and {@code needsRehash}. */
class Argon2EncodedTest {

  private static final String SALT_16 = b64(16);
  private static final String HASH_32 = b64(32);

  private final Argon2PasswordHasher hasher =
      Argon2PasswordHasher.builder().memoryKiB(1024).iterations(1).build();

  @Test
  void parseWhenPhcStringThenEveryParameter() {
    assertThat(Argon2Encoded.parse("$argon2id$v=19$m=19456,t=2,p=1$" + SALT_16 + "$" + HASH_32))
        .contains(new Argon2Encoded("argon2id", 0x13, 19_456, 2, 1, 16, 32));
    assertThat(Argon2Encoded.parse("$argon2i$v=16$m=4096,t=3,p=4$" + b64(24) + "$" + b64(48)))
        .contains(new Argon2Encoded("argon2i", 0x10, 4096, 3, 4, 24, 48));
    assertThat(Argon2Encoded.parse("$argon2d$m=65536,t=10,p=8$" + SALT_16 + "$" + HASH_32))
        .as("no v= part: version 16")
        .contains(new Argon2Encoded("argon2d", 0x10, 65_536, 10, 8, 16, 32));
  }

  @Test
  void parseWhenEveryParameterAtItsUpperLimitThenAccepted() {
    String limits =
        "$argon2id$v=19$m=4194304,t=100,p=64$" + b64(1024) + "$" + b64(1024); // 1024 bytes each

    assertThat(Argon2Encoded.parse(limits))
        .contains(
            new Argon2Encoded(
                "argon2id",
                0x13,
                Argon2PasswordHasher.MAX_MEMORY_KIB,
                Argon2PasswordHasher.MAX_ITERATIONS,
                Argon2PasswordHasher.MAX_PARALLELISM,
                1024,
                1024));
    assertThat(hasher.supports(limits)).isTrue();
  }

  @Test
  void parseWhenEveryParameterAtItsLowerLimitThenAccepted() {
    // libargon2's own minimums: 8 KiB a lane, 1 pass, 1 lane, an 8-byte salt, a 4-byte hash
    String limits = "$argon2id$v=19$m=8,t=1,p=1$" + b64(8) + "$" + b64(4);

    assertThat(Argon2Encoded.parse(limits))
        .contains(new Argon2Encoded("argon2id", 0x13, 8, 1, 1, 8, 4));
    assertThat(Argon2Encoded.parse("$argon2id$v=19$m=32,t=1,p=4$" + SALT_16 + "$" + HASH_32))
        .as("8 KiB for each of 4 lanes")
        .isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m=4194305,t=1,p=1", // above MAX_MEMORY_KIB
        "m=1024,t=101,p=1", // above MAX_ITERATIONS
        "m=1024,t=1,p=65", // above MAX_PARALLELISM
        "m=31,t=1,p=4", // below 8 KiB a lane
        "m=7,t=1,p=1",
        "m=99999999999999999999999999,t=1,p=1", // would overflow a long
        "m=01024,t=1,p=1", // leading zeros: libargon2 refuses them
        "m=1024,t=01,p=1",
        "m=1024,t=1,p=01",
        "m=0,t=1,p=1",
        "m=+1024,t=1,p=1",
        "m=1024,t=1,p=1x",
        "m=,t=1,p=1",
        "m=1024,t=1,p=1,k=2",
        "m=1024,t=1",
        "x=1024,t=1,p=1",
        "m=1024,x=1,p=1",
        "m=1024,t=1,x=1"
      })
  void parseWhenParametersOutOfBoundsOrMalformedThenEmpty(String parameters) {
    String encoded = "$argon2id$v=19$" + parameters + "$" + SALT_16 + "$" + HASH_32;

    assertThat(Argon2Encoded.parse(encoded)).isEmpty();
    assertThat(hasher.supports(encoded)).isFalse();
    assertThat(hasher.needsRehash(encoded)).isTrue();
  }

  @Test
  void parseWhenSaltOrHashTooShortOrTooLongThenEmpty() {
    String params = "$argon2id$v=19$m=1024,t=1,p=1$";

    assertThat(Argon2Encoded.parse(params + b64(7) + "$" + HASH_32)).isEmpty();
    assertThat(Argon2Encoded.parse(params + SALT_16 + "$" + b64(3))).isEmpty();
    assertThat(Argon2Encoded.parse(params + b64(1025) + "$" + HASH_32)).isEmpty();
    assertThat(Argon2Encoded.parse(params + SALT_16 + "$" + b64(1025))).isEmpty();
    assertThat(Argon2Encoded.parse(params + "=" + SALT_16 + "$" + HASH_32)).isEmpty();
    assertThat(Argon2Encoded.parse(params + SALT_16 + "$" + HASH_32 + "=")).isEmpty();
  }

  @Test
  void verifyWhenStoredParametersZeroPaddedThenUnsupportedAsLibargon2CannotCheckThem() {
    String encoded = hasher.hash("pw".toCharArray());
    String padded = encoded.replace("m=1024,", "m=0001024,");

    assertThat(hasher.supports(encoded)).isTrue();
    assertThat(hasher.supports(padded)).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), padded)).isFalse();
  }

  /** Unpadded standard base64 of {@code n} bytes, as in a PHC string. */
  private static String b64(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
