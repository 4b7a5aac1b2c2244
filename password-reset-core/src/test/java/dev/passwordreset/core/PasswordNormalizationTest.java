package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 11: NFKC normalization of a password never makes a {@code String} of it. The JDK's
 * normalizer (which takes Strings) is reached only through {@link Passwords#normalizer}; here it is
 * wrapped to record what it is given.
 */
class PasswordNormalizationTest {

  private final UnaryOperator<String> jdk = Passwords.normalizer;
  private final List<String> handedToTheJdk = new ArrayList<>();

  PasswordNormalizationTest() {
    Passwords.normalizer =
        cluster -> {
          handedToTheJdk.add(cluster);
          return jdk.apply(cluster);
        };
  }

  @AfterEach
  void restore() {
    Passwords.normalizer = jdk;
  }

  private static String nfkc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  @Test
  void passwordsAlreadyInNormalFormNeverReachTheJdk() {
    for (String password :
        List.of(
            "Correct-Horse-7!",
            "Pässwörd-Ünïcödé-ß",
            "пароль-Секрет-42",
            "κωδικός-Ελλάδα",
            "Mật-khẩu-tiếng-Việt",
            "密码安全测试パスワード",
            "비밀번호테스트",
            "كلمةالسر-סיסמה",
            "\u00A9\u00AE\u00B1\u00D7\u00F7 ~^`")) {
      char[] raw = password.toCharArray();
      char[] normalized = Passwords.normalize(raw);
      assertThat(new String(normalized)).isEqualTo(nfkc(password)).isEqualTo(password);
      assertThat(normalized).isNotSameAs(raw);
    }
    assertThat(handedToTheJdk).isEmpty();
  }

  @Test
  void otherPasswordsReachTheJdkOnlyAsShortClustersNeverWhole() {
    String marker = "Uniq-Marker-4711";
    String password = marker + "e\u0301" + marker + "\uFF21\uFF22" + marker + "\uFDFA" + marker;

    char[] normalized = Passwords.normalize(password.toCharArray());

    assertThat(new String(normalized)).isEqualTo(nfkc(password));
    assertThat(handedToTheJdk).containsExactly("e\u0301", "1\uFF21\uFF22", "1\uFDFA");
    assertThat(handedToTheJdk).noneMatch(s -> s.contains("Marker"));
  }

  @Test
  void theResultIsTheJdksNfkcForMixedInput() {
    // Letters, precomposed and decomposed accents, marks first, Hangul jamo (which compose),
    // compatibility characters, ligatures, emoji with selectors, unpaired surrogates.
    String alphabet =
        "aAeEoOzZ09-!ßéÅΩЖ中가각"
            + "\u0301\u0308\u0323\u0327\u0345\u05B0\u093C\u0B3E\u0B47\u1100\u1161\u11A8"
            + "\uFB01\uFF21\u2460\u00BD\u212B\u2126\u00A0\u1E9B\uFDFA\u3099\u304B\uFE0F\u200D"
            + "\uD83D\uDE00\uD800\uDC00";
    Random random = new Random(14_11);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String password = b.toString();
      assertThat(new String(Passwords.normalize(password.toCharArray())))
          .as("NFKC of %s", password.codePoints().mapToObj(Integer::toHexString).toList())
          .isEqualTo(nfkc(password));
    }
  }

  @Test
  void everyInertCharacterIsItsOwnNormalFormNextToAnyOther() {
    // A pairwise check of the claim the fast path rests on, over a sample of inert characters.
    Random random = new Random(7);
    for (int round = 0; round < 200_000; round++) {
      char a = (char) random.nextInt(0x10000);
      char b = (char) random.nextInt(0x10000);
      if (Passwords.inert(a) && Passwords.inert(b)) {
        String pair = "" + a + b;
        assertThat(nfkc(pair)).as("%04x %04x", (int) a, (int) b).isEqualTo(pair);
      }
    }
  }
}
