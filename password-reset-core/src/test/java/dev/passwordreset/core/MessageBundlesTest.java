package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Core's two message bundles, the policy's rules and the engine's own words, in the eight
 * languages: every file has every key any other has, no placeholder the English lacks, and each
 * pattern formats.
 */
class MessageBundlesTest {
  static final List<String> LANGUAGES = List.of("", "de", "es", "fr", "it", "nl", "pl", "pt");
  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

  @ParameterizedTest
  @ValueSource(
      strings = {"/dev/passwordreset/core/policy/messages", "/dev/passwordreset/core/messages"})
  void everyLanguageHasEveryKeyAnyOtherHasAndNoPlaceholderTheEnglishLacks(String base) {
    Map<String, Properties> bundles = new LinkedHashMap<>();
    Set<String> allKeys = new TreeSet<>();
    for (String language : LANGUAGES) {
      Properties p = load(base + (language.isEmpty() ? "" : "_" + language) + ".properties");
      bundles.put(language, p);
      allKeys.addAll(p.stringPropertyNames());
    }
    Properties english = bundles.get("");
    bundles.forEach(
        (language, p) -> {
          String file = base + "_" + language;
          assertThat(p.stringPropertyNames()).as("keys of %s", file).containsAll(allKeys);
          for (String key : p.stringPropertyNames()) {
            String pattern = p.getProperty(key);
            assertThat(arguments(english.getProperty(key)))
                .as("%s of %s: its placeholders", key, file)
                .containsAll(arguments(pattern));
            Locale locale = Locale.forLanguageTag(language.isEmpty() ? "en" : language);
            String formatted = new MessageFormat(pattern, locale).format(new Object[] {12});
            assertThat(formatted).as("%s of %s, formatted", key, file).doesNotContain("{", "}");
          }
        });
  }

  @Test
  void aRegionGetsItsLanguageAndAnUnknownLanguageGetsEnglish() {
    RuleBasedPasswordPolicy policy = RuleBasedPasswordPolicy.defaults();
    char[] noDigit = "Abcdefgh!jk".toCharArray();
    Map<Locale, String> expected =
        Map.of(
            Locale.forLanguageTag("de-AT"), "Fügen Sie mindestens eine Ziffer (0-9) hinzu.",
            Locale.forLanguageTag("es-MX"), "Añada al menos un número (0-9).",
            Locale.forLanguageTag("it-CH"), "Aggiunga almeno una cifra (0-9).",
            Locale.forLanguageTag("nl-BE"), "Voeg minstens één cijfer (0-9) toe.",
            Locale.forLanguageTag("pt-BR"), "Acrescente pelo menos um algarismo (0-9).",
            Locale.forLanguageTag("pl-PL"), "Hasło musi zawierać co najmniej jedną cyfrę (0-9).",
            Locale.forLanguageTag("sv-SE"), "Add at least one digit (0-9).");
    expected.forEach(
        (locale, message) ->
            assertThat(policy.check(noDigit, new PolicyContext(null, null, locale)))
                .as(locale.toLanguageTag())
                .containsExactly(new PolicyViolation("digit", message)));
    assertThat(EngineMessages.tooLong(Locale.forLanguageTag("de-CH"), 128).message())
        .isEqualTo("Verwenden Sie höchstens 128 Zeichen.");
    assertThat(EngineMessages.sameAsCurrent(Locale.forLanguageTag("pl-PL")).message())
        .isEqualTo("Nowe hasło musi się różnić od obecnego.");
    assertThat(EngineMessages.sameAsCurrent(Locale.forLanguageTag("ja-JP")).message())
        .isEqualTo("Choose a password different from your current one.");
  }

  private static Set<String> arguments(String pattern) {
    Set<String> found = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(pattern);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static Properties load(String path) {
    try (InputStream in = MessageBundlesTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
