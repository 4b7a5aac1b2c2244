package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.PolicyViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class PolicyMessagesTest {

  private static final RuleBasedPasswordPolicy EVERY_RULE =
      RuleBasedPasswordPolicy.defaults().toBuilder().requireLowercase(true).build();

  private static List<PolicyViolation> everyViolation(Locale locale) {
    // "JANE.DOE" is the local part, all capitals, no digit, no special, no small letter; too short
    // for 10; and "password" alone would be common, so check both separately below.
    return EVERY_RULE.toBuilder()
        .minLength(10)
        .build()
        .check("JANEDOE".toCharArray(), new PolicyContext("janedoe@example.fr", null, locale));
  }

  @Test
  void checkWhenFrenchThenEveryMessageInFrench() {
    assertThat(everyViolation(Locale.FRENCH))
        .containsExactly(
            new PolicyViolation("min-length", "Utilisez au moins 10 caractères."),
            new PolicyViolation("lowercase", "Ajoutez au moins une lettre minuscule (a-z)."),
            new PolicyViolation("digit", "Ajoutez au moins un chiffre (0-9)."),
            new PolicyViolation(
                "special",
                "Ajoutez au moins un caractère spécial, par exemple ! ? # @ ou une espace."),
            new PolicyViolation(
                "email-local-part",
                "Retirez de votre mot de passe la partie de votre adresse e-mail située avant le"
                    + " @."));
  }

  @Test
  void checkWhenFrenchThenUppercaseMaxLengthAndCommonPasswordInFrench() {
    PolicyContext fr = new PolicyContext(null, null, Locale.FRANCE);

    assertThat(EVERY_RULE.check("a1!".repeat(43).toCharArray(), fr))
        .containsExactly(
            new PolicyViolation("max-length", "Utilisez au plus 128 caractères."),
            new PolicyViolation("uppercase", "Ajoutez au moins une lettre majuscule (A-Z)."));
    assertThat(EVERY_RULE.check("Password1!".toCharArray(), fr))
        .extracting(PolicyViolation::message)
        .containsExactly(
            "Ce mot de passe est trop courant et facile à deviner : choisissez-en un autre."
                + " Quelques mots sans rapport entre eux font un mot de passe solide et facile à"
                + " retenir.");
  }

  @Test
  void checkWhenFrenchRegionalVariantThenFrench() {
    assertThat(everyViolation(Locale.CANADA_FRENCH).get(0).message())
        .isEqualTo("Utilisez au moins 10 caractères.");
  }

  @Test
  void checkWhenUnsupportedLanguageThenEnglishEvenIfJvmDefaultIsFrench() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.FRENCH);
    try {
      assertThat(everyViolation(Locale.JAPANESE))
          .extracting(PolicyViolation::message)
          .containsExactly(
              "Use at least 10 characters.",
              "Add at least one lowercase letter (a-z).",
              "Add at least one digit (0-9).",
              "Add at least one special character, such as ! ? # @ or a space.",
              "Remove the part of your email address before the @ from your password.");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void checkWhenRootOrMalformedLocaleThenEnglish() {
    assertThat(everyViolation(Locale.ROOT).get(0).message())
        .isEqualTo("Use at least 10 characters.");
    @SuppressWarnings("deprecation")
    Locale odd = new Locale("../fr");
    assertThat(everyViolation(odd).get(0).message()).isEqualTo("Use at least 10 characters.");
  }

  @Test
  void checkWhenManyLanguagesNeverAskedBeforeThenEnglishForEveryOneAndFrenchStillFrench() {
    // more than the 64 languages remembered, each new to this JVM
    for (int i = 0; i < 80; i++) {
      Locale unheardOf = new Locale.Builder().setLanguage(randomLanguage()).build();
      assertThat(everyViolation(unheardOf).get(0).message())
          .as(unheardOf.getLanguage())
          .isEqualTo("Use at least 10 characters.");
    }

    assertThat(everyViolation(Locale.FRENCH).get(0).message())
        .isEqualTo("Utilisez au moins 10 caractères.");
  }

  /** Eight random letters: a well-formed language code no test or customer uses. */
  private static String randomLanguage() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      code.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return code.toString();
  }

  @Test
  void describeWhenEnglishThenLengthsAndOneSentencePerRule() {
    PolicyDescription description = RuleBasedPasswordPolicy.defaults().describe(Locale.UK);

    assertThat(description.locale()).isEqualTo(Locale.UK);
    assertThat(description.minLength()).isEqualTo(8);
    assertThat(description.maxLength()).isEqualTo(128);
    assertThat(description.requirements())
        .containsExactly(
            "At least 8 characters.",
            "At most 128 characters.",
            "At least one capital letter (A-Z).",
            "At least one digit (0-9).",
            "At least one special character, such as ! ? # @ or a space.",
            "Must not contain the part of your email address before the @.",
            "Must not be a commonly used password.");
  }

  @Test
  void describeWhenFrenchThenOneFrenchSentencePerRule() {
    PolicyDescription description = EVERY_RULE.describe(Locale.FRENCH);

    assertThat(description.requirements())
        .containsExactly(
            "Au moins 8 caractères.",
            "Au plus 128 caractères.",
            "Au moins une lettre majuscule (A-Z).",
            "Au moins une lettre minuscule (a-z).",
            "Au moins un chiffre (0-9).",
            "Au moins un caractère spécial, par exemple ! ? # @ ou une espace.",
            "Ne doit pas contenir la partie de votre adresse e-mail située avant le @.",
            "Ne doit pas être un mot de passe courant.");
  }

  @Test
  void describeWhenNistThenNoCompositionSentence() {
    assertThat(RuleBasedPasswordPolicy.nist().describe(Locale.ENGLISH).requirements())
        .containsExactly(
            "At least 12 characters.",
            "At most 128 characters.",
            "Must not contain the part of your email address before the @.",
            "Must not be a commonly used password.");
  }

  @Test
  void lengthMessagesWhenOneThenSingularInBothLanguages() {
    RuleBasedPasswordPolicy one = RuleBasedPasswordPolicy.builder().minLength(1).build();

    assertThat(one.describe(Locale.ENGLISH).requirements())
        .first()
        .isEqualTo("At least 1 character.");
    assertThat(one.describe(Locale.FRENCH).requirements())
        .first()
        .isEqualTo("Au moins 1 caractère.");
    assertThat(one.check(new char[0], new PolicyContext(null, null, Locale.ENGLISH)))
        .extracting(PolicyViolation::message)
        .containsExactly("Use at least 1 character.");
  }

  @Test
  void bundlesWhenComparedThenFrenchHasEveryEnglishKey() throws IOException {
    Properties english = load("messages.properties");
    Properties french = load("messages_fr.properties");

    // 16 for the built-in rules, 17 for the optional strength and breached-password rules.
    assertThat(english.stringPropertyNames()).hasSize(33);
    assertThat(french.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = PolicyMessagesTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
