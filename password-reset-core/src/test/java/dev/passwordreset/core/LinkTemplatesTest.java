package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The storefronts' link templates: what is accepted at build time and which one a link uses. */
class LinkTemplatesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop.example/reset?token={token}",
        "https://shop.example/reset/{token}",
        "HTTPS://Shop.Example:8443/r#{token}",
        "http://localhost:8080/reset?token={token}",
        "http://127.0.0.1/reset?token={token}",
        "http://[::1]:8080/reset?token={token}"
      })
  void validateWhenAbsoluteHttpsOrLocalHttpWithOneTokenThenAcceptedAsItIs(String template) {
    assertThat(LinkTemplates.validate(template, "linkTemplate")).isSameAs(template);
  }

  @Test
  void validateWhenBlankThenRejectedNamingTheSetting() {
    for (String blank : new String[] {null, "", "   "}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> LinkTemplates.validate(blank, "linkTemplate for 'fr'"))
          .withMessage("linkTemplate for 'fr' must not be blank");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop.example/reset",
        "https://shop.example/reset?token={TOKEN}",
        "https://shop.example/reset?token={token}&again={token}",
        "https://shop.example/{token}{token}"
      })
  void validateWhenNotExactlyOneTokenThenRejectedShowingTheTemplate(String template) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LinkTemplates.validate(template, "linkTemplate"))
        .withMessage("linkTemplate must contain {token} exactly once, was '" + template + "'");
  }

  @Test
  void validateWhenTokenComesFirstThenJudgedAsAUrl() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LinkTemplates.validate("{token}.shop.example/reset", "linkTemplate"))
        .withMessage(
            "linkTemplate must be an absolute URL with a host, was '{token}.shop.example/reset'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/reset?token={token}", "https:///reset?token={token}", "{token}"})
  void validateWhenRelativeOrWithoutHostThenRejected(String template) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LinkTemplates.validate(template, "linkTemplate"))
        .withMessageContaining("must be an absolute URL with a host")
        .withMessageContaining(template);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://shop.example/reset?token={token}",
        "http://localhost.shop.example/reset?token={token}",
        "ftp://localhost/reset?token={token}",
        "mailto://shop.example/{token}"
      })
  void validateWhenNotHttpsOutsideLocalhostThenRejected(String template) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LinkTemplates.validate(template, "linkTemplate"))
        .withMessage(
            "linkTemplate must use https (plain http is allowed only for localhost), was '"
                + template
                + "'");
  }

  @Test
  void validateWhenNotAUrlThenRejectedWithTheParsersReason() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LinkTemplates.validate("https://shop example/{token}", "linkTemplate"))
        .withMessageStartingWith("linkTemplate must be a valid URL (Illegal character")
        .withMessageEndingWith(", was 'https://shop example/{token}'");
  }

  @Test
  void templateForWhenNoStorefrontThenTheDefaultElseTheStorefrontsOwn() {
    LinkTemplates links =
        new LinkTemplates(
            "https://shop.example/r/{token}", Map.of("fr", "https://boutique.example/r/{token}"));

    assertThat(links.templateFor(null)).isEqualTo("https://shop.example/r/{token}");
    assertThat(links.templateFor("fr")).isEqualTo("https://boutique.example/r/{token}");
  }

  @Test
  void templateForWhenUnknownStorefrontThenRejectedListingTheConfiguredOnes() {
    LinkTemplates withDefault =
        new LinkTemplates(
            "https://shop.example/r/{token}", Map.of("fr", "https://boutique.example/r/{token}"));
    LinkTemplates withoutDefault =
        new LinkTemplates(null, Map.of("fr", "https://boutique.example/r/{token}"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> withDefault.templateFor("de"))
        .withMessage("unknown storefront 'de'; configured storefronts: (default) [fr]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withoutDefault.templateFor("de"))
        .withMessage("unknown storefront 'de'; configured storefronts: [fr]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withoutDefault.templateFor(null))
        .withMessage("unknown storefront 'null'; configured storefronts: [fr]");
  }

  @Test
  void expandPutsTheTokenInPlaceOfThePlaceholder() {
    assertThat(LinkTemplates.expand("https://shop.example/r?t={token}&x=1", "abc-_123"))
        .isEqualTo("https://shop.example/r?t=abc-_123&x=1");
  }
}
