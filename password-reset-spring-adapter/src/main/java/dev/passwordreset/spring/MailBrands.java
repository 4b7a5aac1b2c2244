package dev.passwordreset.spring;

import dev.passwordreset.mail.Brand;
import dev.passwordreset.mail.MailComposer;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@code password-reset.brand.*} and {@code password-reset.storefronts.<name>.brand.*} to the
 * mail module's {@link Brand}s; the mail module checks each value, and a rejected one is reported
 * against its property. A storefront's unset field is the default brand's.
 */
final class MailBrands {

  private MailBrands() {}

  /** Sets the default storefront's brand and every configured storefront's on the composer. */
  static void apply(PasswordResetProperties properties, MailComposer.Builder composer) {
    PasswordResetProperties.Brand base = properties.getBrand();
    Brand defaultBrand = brand("brand.", base, null, properties.getMail());
    if (defaultBrand != null) {
      composer.brand(defaultBrand);
    }
    properties
        .getStorefronts()
        .forEach(
            (name, storefront) -> {
              String prefix = "storefronts." + name + ".brand.";
              Brand brand = brand(prefix, storefront.getBrand(), base, properties.getMail());
              if (brand != null) {
                PropertiesToEngine.checked(
                    "storefronts." + name, () -> composer.brand(name, brand));
              }
            });
  }

  /** The brand; {@code null} only while the configuration check collects problems. */
  private static @Nullable Brand brand(
      String prefix,
      PasswordResetProperties.Brand own,
      PasswordResetProperties.@Nullable Brand base,
      PasswordResetProperties.Mail mail) {
    Inherited from = new Inherited(prefix, base != null);
    String shop = from.pick(own.getShopName(), base == null ? null : base.getShopName());
    String shopProperty = from.property("shop-name", own.getShopName());
    if (shop == null) {
      shop = impliedShopName(mail);
      shopProperty = "mail.from-name";
      if (shop.isBlank()) {
        return null; // no sender either: that is the problem the check reports, not this one
      }
    }
    String shopName = shop;
    Brand.Builder b = PropertiesToEngine.checked(shopProperty, () -> Brand.builder(shopName));
    if (b == null) {
      return null; // the shop name was refused, and the check noted it
    }
    String logo = from.pick(own.getLogoUrl(), base == null ? null : base.getLogoUrl());
    if (logo != null) {
      PropertiesToEngine.checked(
          from.property("logo-url", own.getLogoUrl()), () -> b.logoUrl(logo));
    }
    String color = from.pick(own.getAccentColor(), base == null ? null : base.getAccentColor());
    if (color != null) {
      PropertiesToEngine.checked(
          from.property("accent-color", own.getAccentColor()), () -> b.accentColor(color));
    }
    List<String> contact =
        !own.getContact().isEmpty() || base == null ? own.getContact() : base.getContact();
    String contactProperty = !own.getContact().isEmpty() || base == null ? prefix : "brand.";
    for (String item : contact) {
      PropertiesToEngine.checked(contactProperty + "contact", () -> b.contact(item));
    }
    String phone = from.pick(own.getContactPhone(), base == null ? null : base.getContactPhone());
    if (phone != null) {
      PropertiesToEngine.checked(
          from.property("contact-phone", own.getContactPhone()), () -> b.contactPhone(phone));
    }
    String footer = from.pick(own.getFooter(), base == null ? null : base.getFooter());
    if (footer != null) {
      PropertiesToEngine.checked(from.property("footer", own.getFooter()), () -> b.footer(footer));
    }
    String address = from.pick(own.getFrom(), base == null ? null : base.getFrom());
    if (address != null) {
      String name = from.pick(own.getFromName(), base == null ? null : base.getFromName());
      PropertiesToEngine.checked(from.property("from", own.getFrom()), () -> b.from(address, name));
    }
    String replyTo = from.pick(own.getReplyTo(), base == null ? null : base.getReplyTo());
    if (replyTo != null) {
      PropertiesToEngine.checked(
          from.property("reply-to", own.getReplyTo()), () -> b.replyTo(replyTo));
    }
    ZoneId zone = from.pick(own.getTimeZone(), base == null ? null : base.getTimeZone());
    if (zone != null) {
      b.zone(zone);
    }
    return b.build();
  }

  /** The default brand's shop name when none is set: the From name, else the sender's domain. */
  private static String impliedShopName(PasswordResetProperties.Mail mail) {
    String name = mail.getFromName();
    if (name != null && !name.isBlank()) {
      return name;
    }
    String from = mail.getFrom();
    return from == null ? "" : from.substring(from.lastIndexOf('@') + 1);
  }

  /** Picks a storefront's value or the default brand's, and names the property it came from. */
  private record Inherited(String prefix, boolean storefront) {
    <T> @Nullable T pick(@Nullable T own, @Nullable T base) {
      return own != null ? own : base;
    }

    String property(String name, @Nullable Object own) {
      return (own != null || !storefront ? prefix : "brand.") + name;
    }
  }
}
