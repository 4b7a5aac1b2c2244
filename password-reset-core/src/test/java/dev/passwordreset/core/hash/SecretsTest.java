package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The password bytes handed to the hashers, and their wiping. */
class SecretsTest {

  @Test
  void utf8WhenPasswordThenItsUtf8BytesAndTheCallersArrayUnchanged() {
    char[] password = "pässwörd-\uD83D\uDD11-密码".toCharArray();

    assertThat(Secrets.utf8(password))
        .isEqualTo("pässwörd-\uD83D\uDD11-密码".getBytes(StandardCharsets.UTF_8));
    assertThat(password).isEqualTo("pässwörd-\uD83D\uDD11-密码".toCharArray());
    assertThat(Secrets.utf8(new char[0])).isEmpty();
  }

  @Test
  void utf8WhenUnpairedSurrogateThenQuestionMarkAsStringGetBytesDoes() {
    char[] password = {'a', '\uD800', 'b', '\uDC00'};

    assertThat(Secrets.utf8(password))
        .isEqualTo(new String(password).getBytes(StandardCharsets.UTF_8))
        .isEqualTo("a?b?".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void wipeWhenCalledThenEveryByteIsZero() {
    byte[] bytes = Secrets.utf8("Tangerine-Kayak-42".toCharArray());

    Secrets.wipe(bytes);

    assertThat(bytes).hasSize(18).containsOnly(0);
  }
}
