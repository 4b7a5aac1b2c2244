package dev.passwordreset.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A brand is checked field by field, and a bad field is named. */
class BrandTest {

  @Test
  void everyFieldIsKeptAndTheColourIsWrittenInLowerCase() {
    Brand brand =
        Brand.builder(" Corner Shop ")
            .logoUrl("https://corner.example/logo.png")
            .accentColor("#0F766E")
            .contact("help@corner.example")
            .contact("https://corner.example/help")
            .contactPhone("+44 (20) 7946-0000")
            .footer("Corner Shop Ltd, 1 High Street, London")
            .from("no-reply@corner.example", "Corner")
            .replyTo("care@corner.example")
            .zone(ZoneId.of("Europe/London"))
            .build();

    assertThat(brand.shopName()).isEqualTo("Corner Shop");
    assertThat(brand.logoUrl()).isEqualTo(URI.create("https://corner.example/logo.png"));
    assertThat(brand.accentColor()).isEqualTo("#0f766e");
    assertThat(brand.contactLines())
        .containsExactly(
            "help@corner.example", "https://corner.example/help", "+44 (20) 7946-0000");
    assertThat(brand.fromAddress()).isEqualTo("no-reply@corner.example");
    assertThat(brand.fromName()).isEqualTo("Corner");
    assertThat(brand.replyTo()).isEqualTo("care@corner.example");
    assertThat(brand.zone()).isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  void aBrandWithOnlyAName() {
    Brand brand = Brand.builder("Corner Shop").build();
    assertThat(brand.accentColor()).isEqualTo(Brand.DEFAULT_ACCENT_COLOR);
    assertThat(brand.contactLines()).isEmpty();
    assertThat(brand.logoUrl()).isNull();
    assertThat(brand.zone()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://corner.example/logo.png",
        "ftp://corner.example/logo.png",
        "//corner.example/logo.png",
        "logo.png",
        "https://user:pw@corner.example/logo.png",
        "https://corner example/logo.png"
      })
  void aLogoMustBeAnHttpsUrl(String url) {
    assertThatThrownBy(() -> Brand.builder("Corner Shop").logoUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("logoUrl must be an absolute https URL")
        .hasMessageContaining(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"blue", "#12345", "#gggggg", "1d4ed8", "#1d4ed8;x:y", "rgb(0,0,0)", ""})
  void anAccentColourMustBeAHexColour(String color) {
    assertThatThrownBy(() -> Brand.builder("Corner Shop").accentColor(color))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("accentColor must be a colour")
        .hasMessageContaining("was \"" + color + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"customer service", "help@", "ftp://corner.example", "+44 20 7946"})
  void aContactMustBeAnEmailOrAUrl(String contact) {
    assertThatThrownBy(() -> Brand.builder("Corner Shop").contact(contact))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contact must be an email address")
        .hasMessageContaining("or an http(s) URL")
        .hasMessageContaining(contact);
  }

  @Test
  void eachOtherBadFieldIsNamed() {
    Brand.Builder b = Brand.builder("Corner Shop");
    assertThatThrownBy(() -> Brand.builder(" ")).hasMessageStartingWith("shopName must be");
    assertThatThrownBy(() -> Brand.builder("Corner\nBcc: x@evil.example"))
        .hasMessageStartingWith("shopName must be one line");
    assertThatThrownBy(() -> b.contactEmail("not an address"))
        .hasMessageStartingWith("contactEmail must be");
    assertThatThrownBy(() -> b.contactUrl("mailto:help@corner.example"))
        .hasMessageStartingWith("contactUrl must be an absolute http or https URL");
    assertThatThrownBy(() -> b.contactPhone("call us")).hasMessageStartingWith("contactPhone");
    assertThatThrownBy(() -> b.footer("x".repeat(201))).hasMessageStartingWith("footer must be");
    assertThatThrownBy(() -> b.from("no-reply", null)).hasMessageStartingWith("fromAddress");
    assertThatThrownBy(() -> b.replyTo("a@b@c")).hasMessageStartingWith("replyTo");
    assertThatThrownBy(
            () ->
                new Brand(
                    "Corner",
                    URI.create("http://x.example/l.png"),
                    "#fff",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageStartingWith("logoUrl");
  }

  @Test
  void aStorefrontNameMustNotBeBlankAndOneUnfitForAFolderStillGetsItsBrand() {
    Brand brand = Brand.builder("Corner Shop").build();
    assertThatThrownBy(() -> MailComposer.builder().brand(" ", brand))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("storefront must not be blank");
    MailComposer composer =
        MailComposer.builder()
            .from("no-reply@shop.example", null)
            .brand("../eu.b2b", Brand.builder("Corner EU").build())
            .build();
    assertThat(composer.brand("../eu.b2b").shopName()).isEqualTo("Corner EU");
    assertThat(composer.brand("other").shopName()).isEqualTo("shop.example");
  }
}
