package dev.passwordreset.mail;

import dev.passwordreset.mail.internal.MimeMails;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How one storefront's emails speak and look: the shop's name (in every subject, greeting and
 * sign-off), an optional logo, the accent colour of the button, the customer-service contact (named
 * wherever an email tells the customer to contact the shop), a postal footer line, and optionally
 * its own sender, {@code Reply-To} and the time zone its emails state expiry in (each unset one is
 * the {@link MailComposer}'s).
 *
 * <pre>{@code
 * Brand corner = Brand.builder("Corner Shop")
 *     .logoUrl("https://corner.example/logo.png")
 *     .accentColor("#0f766e")
 *     .contactEmail("help@corner.example")
 *     .contactPhone("+44 20 7946 0000")
 *     .footer("Corner Shop Ltd, 1 High Street, London N1 1AA")
 *     .from("no-reply@corner.example", "Corner Shop")
 *     .zone(ZoneId.of("Europe/London"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Every value is checked when set; a bad one is an {@link
 * IllegalArgumentException} naming the field ({@code logoUrl}, {@code accentColor}, {@code
 * contact}...).
 *
 * @param shopName the shop's name as customers know it, e.g. {@code Corner Shop}
 * @param logoUrl an absolute {@code https} URL of a square logo, shown 40 px high beside the shop's
 *     name, or {@code null} for none. It is a CSS background rather than an image element: spam
 *     filters score an email with an image and little text, and the name stays readable where
 *     images are blocked
 * @param accentColor the button and heading colour, {@code #rgb} or {@code #rrggbb} in lower case
 * @param contactEmail customer service's email address, or {@code null}
 * @param contactUrl customer service's web page ({@code http} or {@code https}), or {@code null}
 * @param contactPhone customer service's phone number, or {@code null}
 * @param footer one line at the bottom of every email (the postal address a commercial sender is
 *     expected to give), or {@code null}
 * @param fromAddress the sender's address, or {@code null} for the composer's
 * @param fromName the name shown beside the sender, or {@code null} for the shop's name (when
 *     {@code fromAddress} is set) or the composer's
 * @param replyTo the {@code Reply-To} address, or {@code null} for the composer's
 * @param zone the time zone in which the emails state when a link expires, or {@code null} for the
 *     composer's
 */
public record Brand(
    String shopName,
    @Nullable URI logoUrl,
    String accentColor,
    @Nullable String contactEmail,
    @Nullable URI contactUrl,
    @Nullable String contactPhone,
    @Nullable String footer,
    @Nullable String fromAddress,
    @Nullable String fromName,
    @Nullable String replyTo,
    @Nullable ZoneId zone) {

  /** The accent colour of a brand that sets none. */
  public static final String DEFAULT_ACCENT_COLOR = "#1d4ed8";

  private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-f]{3}|[0-9a-f]{6})");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-/]{2,30}");

  /**
   * Checks every field.
   *
   * @param shopName the shop's name as customers know it, e.g. {@code Corner Shop}
   * @param logoUrl an absolute {@code https} URL of a square logo, shown 40 px high beside the
   *     shop's name, or {@code null} for none. It is a CSS background rather than an image element:
   *     spam filters score an email with an image and little text, and the name stays readable
   *     where images are blocked
   * @param accentColor the button and heading colour, {@code #rgb} or {@code #rrggbb} in lower case
   * @param contactEmail customer service's email address, or {@code null}
   * @param contactUrl customer service's web page ({@code http} or {@code https}), or {@code null}
   * @param contactPhone customer service's phone number, or {@code null}
   * @param footer one line at the bottom of every email (the postal address a commercial sender is
   *     expected to give), or {@code null}
   * @param fromAddress the sender's address, or {@code null} for the composer's
   * @param fromName the name shown beside the sender, or {@code null} for the shop's name (when
   *     {@code fromAddress} is set) or the composer's
   * @param replyTo the {@code Reply-To} address, or {@code null} for the composer's
   * @param zone the time zone in which the emails state when a link expires, or {@code null} for
   *     the composer's
   * @throws NullPointerException if {@code shopName} or {@code accentColor} is null
   * @throws IllegalArgumentException naming the first bad field
   */
  public Brand {
    shopName = line(shopName, "shopName", 100);
    if (logoUrl != null) {
      logoUrl = url(logoUrl.toString(), "logoUrl", true);
    }
    accentColor = color(accentColor);
    if (contactEmail != null) {
      contactEmail = MimeMails.address(contactEmail, null, "contactEmail").getAddress();
    }
    if (contactUrl != null) {
      contactUrl = url(contactUrl.toString(), "contactUrl", false);
    }
    if (contactPhone != null) {
      contactPhone = phone(contactPhone);
    }
    if (footer != null) {
      footer = line(footer, "footer", 200);
    }
    if (fromAddress != null) {
      fromAddress = MimeMails.address(fromAddress, null, "fromAddress").getAddress();
    }
    if (fromName != null) {
      fromName = line(fromName, "fromName", 100);
    }
    if (replyTo != null) {
      replyTo = MimeMails.address(replyTo, null, "replyTo").getAddress();
    }
  }

  /**
   * Starts a builder.
   *
   * @param shopName the shop's name as customers know it, e.g. {@code Corner Shop}
   * @return a new builder
   * @throws NullPointerException if {@code shopName} is null
   * @throws IllegalArgumentException if it is blank, longer than 100 characters or holds a control
   *     character
   */
  public static Builder builder(String shopName) {
    return new Builder(shopName);
  }

  /**
   * The contact lines, in the order email, web page, phone; empty if none is set.
   *
   * @return the contact lines
   */
  public List<String> contactLines() {
    List<String> lines = new ArrayList<>(3);
    if (contactEmail != null) {
      lines.add(contactEmail);
    }
    if (contactUrl != null) {
      lines.add(contactUrl.toString());
    }
    if (contactPhone != null) {
      lines.add(contactPhone);
    }
    return lines;
  }

  /**
   * A copy with the given time zone if this brand has none.
   *
   * @param fallback the zone to use when {@link #zone()} is null
   * @return this brand, or a copy with {@code fallback}
   */
  Brand withZoneIfUnset(ZoneId fallback) {
    if (zone != null) {
      return this;
    }
    return new Brand(
        shopName,
        logoUrl,
        accentColor,
        contactEmail,
        contactUrl,
        contactPhone,
        footer,
        fromAddress,
        fromName,
        replyTo,
        fallback);
  }

  private static String line(String value, String field, int max) {
    Objects.requireNonNull(value, () -> field + " must not be null");
    String stripped = value.strip();
    if (stripped.isEmpty()
        || stripped.length() > max
        || stripped.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          field
              + " must be one line of 1 to "
              + max
              + " characters, was \""
              + MimeMails.printable(value)
              + "\"");
    }
    return stripped;
  }

  private static String color(String value) {
    Objects.requireNonNull(value, "accentColor must not be null");
    String lower = value.strip().toLowerCase(Locale.ROOT);
    if (!COLOR.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "accentColor must be a colour written #rgb or #rrggbb, e.g. #1d4ed8, was \""
              + MimeMails.printable(value)
              + "\"");
    }
    return lower;
  }

  private static String phone(String value) {
    String stripped = value.strip();
    if (!PHONE.matcher(stripped).matches()) {
      throw new IllegalArgumentException(
          "contactPhone must be a phone number of digits, spaces, + ( ) . - or /, e.g. +44 20 7946"
              + " 0000, was \""
              + MimeMails.printable(value)
              + "\"");
    }
    return stripped;
  }

  /** An absolute http(s) URL with a host; {@code httpsOnly} refuses http. */
  private static URI url(String value, String field, boolean httpsOnly) {
    String requirement =
        field
            + " must be an absolute "
            + (httpsOnly ? "https" : "http or https")
            + " URL such as https://shop.example/"
            + (httpsOnly ? "logo.png" : "help")
            + ", was \""
            + MimeMails.printable(value)
            + "\"";
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(requirement, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeOk = scheme.equals("https") || (!httpsOnly && scheme.equals("http"));
    if (!schemeOk || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(requirement);
    }
    return uri;
  }

  /** Looks like an email address: something, one {@code @}, a domain with a dot, no space. */
  private static boolean looksLikeEmail(String value) {
    int at = value.indexOf('@');
    return at > 0
        && at == value.lastIndexOf('@')
        && value.indexOf('.', at) > at + 1
        && value.chars().noneMatch(Character::isWhitespace)
        && !value.contains(":");
  }

  /**
   * Builds a {@link Brand}. Each setter checks its argument at once and names the field in the
   * exception. Not thread-safe.
   */
  public static final class Builder {
    private final String shopName;
    private @Nullable URI logoUrl;
    private String accentColor = DEFAULT_ACCENT_COLOR;
    private @Nullable String contactEmail;
    private @Nullable URI contactUrl;
    private @Nullable String contactPhone;
    private @Nullable String footer;
    private @Nullable String fromAddress;
    private @Nullable String fromName;
    private @Nullable String replyTo;
    private @Nullable ZoneId zone;

    private Builder(String shopName) {
      this.shopName = line(shopName, "shopName", 100);
    }

    /**
     * The logo shown at the top of the HTML part. Default: none (the shop's name is shown).
     *
     * @param url an absolute {@code https} URL
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException naming {@code logoUrl} if it is not an https URL with a host
     */
    public Builder logoUrl(String url) {
      Objects.requireNonNull(url, "logoUrl must not be null");
      this.logoUrl = url(url, "logoUrl", true);
      return this;
    }

    /**
     * The colour of the button and the top rule. Default {@value Brand#DEFAULT_ACCENT_COLOR}. White
     * text is written on it: choose a dark colour.
     *
     * @param color {@code #rgb} or {@code #rrggbb}
     * @return this builder
     * @throws NullPointerException if {@code color} is null
     * @throws IllegalArgumentException naming {@code accentColor} if it is not such a colour
     */
    public Builder accentColor(String color) {
      this.accentColor = color(color);
      return this;
    }

    /**
     * Customer service's contact, an email address or a web page: whichever it is, it is set as
     * {@link #contactEmail(String)} or {@link #contactUrl(String)} would.
     *
     * @param emailOrUrl e.g. {@code help@shop.example} or {@code https://shop.example/help}
     * @return this builder
     * @throws NullPointerException if {@code emailOrUrl} is null
     * @throws IllegalArgumentException naming {@code contact} if it is neither
     */
    public Builder contact(String emailOrUrl) {
      Objects.requireNonNull(emailOrUrl, "contact must not be null");
      String value = emailOrUrl.strip();
      try {
        if (looksLikeEmail(value)) {
          return contactEmail(value);
        }
        return contactUrl(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "contact must be an email address such as help@shop.example or an http(s) URL such as"
                + " https://shop.example/help, was \""
                + MimeMails.printable(emailOrUrl)
                + "\"",
            e);
      }
    }

    /**
     * Customer service's email address. Default: none.
     *
     * @param address a plain address with a domain
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException naming {@code contactEmail} if it is not one
     */
    public Builder contactEmail(String address) {
      this.contactEmail = MimeMails.address(address, null, "contactEmail").getAddress();
      return this;
    }

    /**
     * Customer service's web page. Default: none.
     *
     * @param url an absolute http or https URL
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException naming {@code contactUrl} if it is not one
     */
    public Builder contactUrl(String url) {
      Objects.requireNonNull(url, "contactUrl must not be null");
      this.contactUrl = url(url, "contactUrl", false);
      return this;
    }

    /**
     * Customer service's phone number. Default: none.
     *
     * @param phone digits, spaces and {@code + ( ) . - /}, e.g. {@code +44 20 7946 0000}
     * @return this builder
     * @throws NullPointerException if {@code phone} is null
     * @throws IllegalArgumentException naming {@code contactPhone} if it is not one
     */
    public Builder contactPhone(String phone) {
      Objects.requireNonNull(phone, "contactPhone must not be null");
      this.contactPhone = phone(phone);
      return this;
    }

    /**
     * One line at the bottom of every email, such as the company's postal address. Default: none.
     *
     * @param line 1 to 200 characters, no line break
     * @return this builder
     * @throws NullPointerException if {@code line} is null
     * @throws IllegalArgumentException naming {@code footer} if it is blank, too long or not one
     *     line
     */
    public Builder footer(String line) {
      this.footer = line(line, "footer", 200);
      return this;
    }

    /**
     * This storefront's sender. Default: the composer's.
     *
     * @param address a plain address with a domain; also gives the {@code Message-ID}'s domain
     * @param name the name shown, or {@code null} for the shop's name
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException naming {@code fromAddress} or {@code fromName}
     */
    public Builder from(String address, @Nullable String name) {
      this.fromAddress = MimeMails.address(address, null, "fromAddress").getAddress();
      this.fromName = name == null ? null : line(name, "fromName", 100);
      return this;
    }

    /**
     * This storefront's {@code Reply-To}. Default: the composer's.
     *
     * @param address a plain address with a domain
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException naming {@code replyTo} if it is not one
     */
    public Builder replyTo(String address) {
      this.replyTo = MimeMails.address(address, null, "replyTo").getAddress();
      return this;
    }

    /**
     * The time zone this storefront's emails state expiry in. Default: the composer's.
     *
     * @param zone e.g. {@code ZoneId.of("Europe/Warsaw")}
     * @return this builder
     * @throws NullPointerException if {@code zone} is null
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone must not be null");
      return this;
    }

    /**
     * Builds the brand.
     *
     * @return the brand
     */
    public Brand build() {
      return new Brand(
          shopName,
          logoUrl,
          accentColor,
          contactEmail,
          contactUrl,
          contactPhone,
          footer,
          fromAddress,
          fromName,
          replyTo,
          zone);
    }
  }
}
