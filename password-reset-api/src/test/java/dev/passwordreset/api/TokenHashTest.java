package dev.passwordreset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenHashTest {

  private static final String ABC_HEX =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void bytesHexAndWordsAreTheSameHash() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("abc".getBytes("UTF-8"));

    TokenHash fromBytes = TokenHash.of(digest);
    TokenHash fromHex = TokenHash.ofHex(ABC_HEX);

    assertThat(fromBytes).isEqualTo(fromHex).hasSameHashCodeAs(fromHex);
    assertThat(fromBytes.hex()).isEqualTo(ABC_HEX);
    assertThat(fromHex.bytes()).isEqualTo(digest);
    assertThat(fromHex.word(0)).isEqualTo(0xba7816bf8f01cfeaL);
    assertThat(fromHex.word(3)).isEqualTo(0xb410ff61f20015adL);
    assertThat(
            TokenHash.hashCode(fromHex.word(0), fromHex.word(1), fromHex.word(2), fromHex.word(3)))
        .isEqualTo(fromHex.hashCode());
    assertThat(fromHex.matches(fromHex.word(0), fromHex.word(1), fromHex.word(2), fromHex.word(3)))
        .isTrue();
  }

  @Test
  void theArrayIsReadNotKeptAndBytesGivesACopy() {
    byte[] digest = new byte[32];
    digest[31] = 7;
    TokenHash hash = TokenHash.of(digest);

    digest[31] = 8;
    hash.bytes()[31] = 9;

    assertThat(hash.bytes()[31]).isEqualTo((byte) 7);
  }

  @Test
  void hashesThatDifferInOneBitAreNotEqual() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[17] = 1;

    assertThat(TokenHash.of(a)).isNotEqualTo(TokenHash.of(b)).isNotEqualTo(null);
    assertThat(TokenHash.of(a)).isNotEqualTo(HexFormat.of().formatHex(a));
  }

  @Test
  void badInputIsRefusedNamingTheArgumentNeverEchoingIt() {
    assertThatThrownBy(() -> TokenHash.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256")
        .hasMessageContaining("31");
    assertThatThrownBy(() -> TokenHash.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("sha256");
    assertThatThrownBy(() -> TokenHash.ofHex(ABC_HEX.toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 0")
        .hasMessageNotContaining("BA7816");
    assertThatThrownBy(() -> TokenHash.ofHex(ABC_HEX.substring(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63");
    assertThatThrownBy(() -> TokenHash.ofHex(ABC_HEX + "0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenHash.ofHex(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TokenHash.ofHex(ABC_HEX).word(4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void toStringShowsOnlyTheFirstEightHexDigits() {
    assertThat(TokenHash.ofHex(ABC_HEX).toString())
        .isEqualTo("TokenHash[ba7816bf...]")
        .doesNotContain(ABC_HEX.substring(8, 16));
  }
}
