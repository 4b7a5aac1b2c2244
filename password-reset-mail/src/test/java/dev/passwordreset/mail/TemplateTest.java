package dev.passwordreset.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tiny {@code {{name}}} substitution behind the templates. */
class TemplateTest {

  @Test
  void substitutesEveryPlaceholderAndEscapesOnlyForHtml() {
    Template t = Template.parse("Hi {{name}}, {{ name }}!", "test");
    Map<String, String> values = Map.of("name", "<b>Tom & 'Jerry'\"</b>");

    assertThat(t.render(values, false))
        .isEqualTo("Hi <b>Tom & 'Jerry'\"</b>, <b>Tom & 'Jerry'\"</b>!");
    assertThat(t.render(values, true))
        .isEqualTo(
            "Hi &lt;b&gt;Tom &amp; &#39;Jerry&#39;&quot;&lt;/b&gt;,"
                + " &lt;b&gt;Tom &amp; &#39;Jerry&#39;&quot;&lt;/b&gt;!");
  }

  @Test
  void valuesAreNotReinterpretedAsPlaceholders() {
    Template t = Template.parse("{{a}}{{b}}", "test");
    assertThat(t.render(Map.of("a", "{{b}}", "b", "x"), false)).isEqualTo("{{b}}x");
  }

  @Test
  void missingValueNamesThePlaceholderAndTheSource() {
    Template t = Template.parse("{{link}}", "reset-link.txt");
    assertThatThrownBy(() -> t.render(Map.of("name", "x"), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("reset-link.txt: unknown placeholder {{link}}");
  }

  @Test
  void strayBracesAreRefused() {
    assertThatThrownBy(() -> Template.parse("Hello {{name", "x.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.txt: malformed placeholder near \"{{name\"");
  }

  @Test
  void singleBracesAreLiteralText() {
    assertThat(Template.parse("a { b } c", "x").render(Map.of(), true)).isEqualTo("a { b } c");
  }

  @Test
  void localeSuffixesGoFromRegionToLanguageToFallback() {
    assertThat(TemplateMailRenderer.suffixes(Locale.CANADA_FRENCH))
        .containsExactly("_fr_CA", "_fr", "");
    assertThat(TemplateMailRenderer.suffixes(Locale.ROOT)).containsExactly("");
    assertThat(TemplateMailRenderer.suffixes(new Locale("zz", "QQ"))).containsExactly("");
    assertThat(TemplateMailRenderer.suffixes(Locale.forLanguageTag("sr-Latn-RS")))
        .containsExactly("_sr_RS", "_sr", "");
  }
}
