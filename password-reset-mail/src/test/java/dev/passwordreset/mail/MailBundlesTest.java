package dev.passwordreset.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped wording of the eight languages: the same keys, no placeholder English lacks. */
class MailBundlesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");

  @Test
  void everyLanguageHasEveryKeyOfEveryOtherAndNoPlaceholderTheEnglishLacks() {
    Properties english = BuiltInMails.bundle("");
    for (String language : BuiltInMails.LANGUAGES) {
      Properties own = ownBundle(language);
      assertThat(own.stringPropertyNames())
          .as("keys of mail_%s.properties", language)
          .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
      for (String key : own.stringPropertyNames()) {
        assertThat(english.getProperty(key))
            .as("%s in mail_%s.properties", key, language)
            .isNotNull();
        assertThat(placeholders(english.getProperty(key)))
            .as("placeholders of %s in mail_%s.properties", key, language)
            .containsAll(placeholders(own.getProperty(key)));
        assertThat(own.getProperty(key)).as("%s in %s", key, language).isNotBlank();
      }
    }
  }

  @Test
  void frenchPutsANonBreakingSpaceBeforeTwoPartPunctuationAndInsideGuillemets() {
    Properties french = ownBundle("fr");
    for (String key : french.stringPropertyNames()) {
      String value = french.getProperty(key);
      assertThat(value).as(key).doesNotContainPattern(" [:;?!»]").doesNotContain("« ");
      assertThat(value).as(key).doesNotContainPattern("[^\\u00a0\\s][:;?!»]");
    }
  }

  @Test
  void germanQuotesWithLowAndHighMarks() {
    Properties german = ownBundle("de");
    for (String key : german.stringPropertyNames()) {
      String value = german.getProperty(key);
      assertThat(value).as(key).doesNotContain("\"").doesNotContain("«");
      if (value.contains("„")) {
        assertThat(value).as(key).contains("“");
      }
    }
  }

  private static Properties ownBundle(String language) {
    // bundle() fills in English for missing keys; read the file alone.
    try (var in =
        BuiltInMails.class.getResourceAsStream(
            "/" + TemplateMailRenderer.BUILT_IN_LOCATION + "/mail_" + language + ".properties")) {
      assertThat(in).as("mail_%s.properties", language).isNotNull();
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      return p;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
