package dev.passwordreset.mail;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The emails' words: the shipped wording in eight languages, which a host can replace file by file
 * on the class path, per storefront and per language.
 *
 * <h2>Shipped wording</h2>
 *
 * English, French, German, Spanish, Italian, Dutch, Portuguese and Polish, from {@code
 * mail[_language].properties} under {@value #BUILT_IN_LOCATION}, laid out by the library: the
 * shop's name (with its logo beside it), the text with the link's button in the brand's accent
 * colour (or, in the reset-code email, the code in a large monospace block), the sign-off in the
 * shop's name, and a footer with the customer-service contact and the postal line. The plain-text
 * part is wrapped at 76 columns. A language without its own wording gets English.
 *
 * <h2>Host files</h2>
 *
 * For each {@link NotificationType} there are three UTF-8 files, named after the type in lower case
 * with {@code -} for {@code _} ({@code reset-link}, {@code confirm-password}, {@code
 * account-setup}, {@code reminder}, {@code password-changed}, {@code reset-code}):
 *
 * <ul>
 *   <li>{@code reset-link.subject.txt}: the subject, one line (surrounding white space is trimmed);
 *   <li>{@code reset-link.txt}: the plain-text body;
 *   <li>{@code reset-link.html}: the HTML body.
 * </ul>
 *
 * A language or country goes before the extension, as in resource bundles: {@code
 * reset-link_fr.html}, {@code reset-link_fr_CA.html}. The host's files are under {@value
 * #DEFAULT_HOST_LOCATION} unless {@link Builder#location(String)} says otherwise; a storefront's
 * own files are in the sub-folder named after it ({@code password-reset/mail/b2b/reset-link.html}),
 * if its name is 1 to 64 letters, digits, {@code _} or {@code -}.
 *
 * <h2>Which file wins</h2>
 *
 * For each of the three parts separately, the candidates go from the most specific locale to the
 * fallback ({@code fr_CA}, {@code fr}, none); at each step the storefront's file is taken if
 * present, else the host's default file, else the shipped wording of that language. So a host that
 * overrides {@code reset-link.html} but not {@code reset-link_fr.html} still sends the shipped
 * French HTML to French customers: override every language you serve.
 *
 * <h2>Placeholders</h2>
 *
 * {@code {{name}}} is replaced by a value; in {@code .html} files the value is HTML-escaped, in
 * subjects and text bodies it is inserted as it is. There is nothing else (no conditions, no
 * loops). The values: {@code name}, {@code email}, {@code link} (not for {@code password-changed}
 * and {@code reset-code}), {@code code} (the code to type, for {@code reset-code} only), {@code
 * expiryDate}, {@code expiryTime}, {@code expiresAt} (when the link or code expires; not for {@code
 * password-changed}), the brand's {@code shopName}, {@code logoUrl}, {@code accentColor}, {@code
 * contactEmail}, {@code contactUrl}, {@code contactPhone}, {@code contact} (those set, separated by
 * commas), {@code footer} (an unset one is empty), {@code storefront} (empty for the default one),
 * and any value set with {@link Builder#variable(String, String)} (which wins over a brand value of
 * the same name). The README's table describes each.
 *
 * <p>An unknown placeholder, a link-bearing body without {@code {{link}}}, or a {@code reset-code}
 * body without {@code {{code}}}, is an error: {@link Builder#build()} checks the host's files of
 * every type in the shipped languages, and {@link MailComposer.Builder#build()} those of each
 * branded storefront; files of other languages are checked when first used.
 *
 * <p>Thread-safe; parsed files are cached.
 */
public final class TemplateMailRenderer {

  /** Where the built-in templates are, on the class path. */
  public static final String BUILT_IN_LOCATION = "dev/passwordreset/mail/templates";

  /** Where a host's templates are looked for by default, on the class path. */
  public static final String DEFAULT_HOST_LOCATION = "password-reset/mail";

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Set<String> BUILT_IN_NAMES =
      Set.of("name", "email", "link", "code", "expiresAt", "expiryDate", "expiryTime");
  private static final Set<String> EXPIRY_NAMES = Set.of("expiresAt", "expiryDate", "expiryTime");
  private static final ZoneId UTC = ZoneId.of("UTC");

  /** The brand's values, and the storefront's name; a host variable of the same name wins. */
  private static final List<String> BRAND_NAMES =
      List.of(
          "shopName",
          "logoUrl",
          "accentColor",
          "contactEmail",
          "contactUrl",
          "contactPhone",
          "contact",
          "footer",
          "storefront");

  private static final Pattern STOREFRONT_FOLDER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final List<Locale> CHECKED_LOCALES = checkedLocales();
  private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private final String location;
  private final ClassLoader classLoader;
  private final Map<String, String> variables;
  private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();

  private TemplateMailRenderer(Builder builder) {
    this.location = builder.location;
    this.classLoader = builder.classLoader;
    this.variables = Map.copyOf(builder.variables);
  }

  /**
   * The built-in templates, with host overrides looked for under {@value #DEFAULT_HOST_LOCATION}
   * through this class's class loader.
   *
   * @return the renderer
   * @throws IllegalStateException if a host template there is malformed
   */
  public static TemplateMailRenderer defaults() {
    return builder().build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the email for a notification in a storefront's brand: per part, the first of the
   * storefront's file, the host's default file and the shipped wording, for each locale from the
   * most specific to the fallback (see the class comment).
   *
   * @param notification what to write about; its {@link Notification#storefront()} picks the host's
   *     storefront folder
   * @param brand the storefront's brand; its {@link Brand#zone()} (UTC if unset) is the expiry's
   * @return the subject and both bodies
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if a host template is malformed, or uses an unknown placeholder
   */
  public RenderedMail render(Notification notification, Brand brand) {
    Objects.requireNonNull(notification, "notification must not be null");
    Objects.requireNonNull(brand, "brand must not be null");
    NotificationType type = notification.type();
    Locale locale = notification.locale();
    String storefront = folder(notification.storefront());
    Map<String, String> values = values(notification, brand, storefront);
    String subject = find(type, locale, Part.SUBJECT, storefront).render(type, values, brand);
    String text = find(type, locale, Part.TEXT, storefront).render(type, values, brand);
    String html = find(type, locale, Part.HTML, storefront).render(type, values, brand);
    return new RenderedMail(subject.strip(), text, html);
  }

  /**
   * Checks a storefront's templates of the shipped languages now rather than when first used.
   *
   * @param storefront the storefront's name
   * @throws IllegalStateException if one of its templates is malformed or lacks {@code {{link}}}
   *     (or, for the reset code, {@code {{code}}})
   */
  void check(@Nullable String storefront) {
    String folder = folder(storefront);
    for (NotificationType type : NotificationType.values()) {
      for (Locale locale : CHECKED_LOCALES) {
        for (Part part : Part.values()) {
          find(type, locale, part, folder);
        }
      }
    }
  }

  /** The storefront's folder name, or null for the default one or a name unfit for a path. */
  private static @Nullable String folder(@Nullable String storefront) {
    return storefront != null && STOREFRONT_FOLDER.matcher(storefront).matches()
        ? storefront
        : null;
  }

  private Map<String, String> values(Notification n, Brand brand, @Nullable String storefront) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("shopName", brand.shopName());
    values.put("logoUrl", brand.logoUrl() == null ? "" : brand.logoUrl().toString());
    values.put("accentColor", brand.accentColor());
    values.put("contactEmail", orEmpty(brand.contactEmail()));
    values.put("contactUrl", brand.contactUrl() == null ? "" : brand.contactUrl().toString());
    values.put("contactPhone", orEmpty(brand.contactPhone()));
    values.put("contact", String.join(", ", brand.contactLines()));
    values.put("footer", orEmpty(brand.footer()));
    values.put("storefront", storefront == null ? "" : storefront);
    values.putAll(variables);
    String displayName = n.displayName();
    values.put(
        "name", displayName == null || displayName.isBlank() ? n.email() : displayName.strip());
    values.put("email", n.email());
    String link = n.link();
    if (link != null) {
      values.put("link", link);
    }
    String code = n.code();
    if (code != null) {
      values.put("code", code);
    }
    Instant expiresAt = n.linkExpiresAt();
    ZoneId zone = brand.zone() == null ? ZoneOffset.UTC : brand.zone();
    if (expiresAt != null) {
      // ZoneOffset.UTC would print as "Z"; the region "UTC" prints as "UTC".
      ZonedDateTime at = expiresAt.atZone(zone.equals(ZoneOffset.UTC) ? UTC : zone);
      Locale locale = n.locale();
      values.put("expiresAt", format(FormatStyle.LONG, FormatStyle.SHORT, locale).format(at));
      values.put("expiryDate", format(FormatStyle.LONG, null, locale).format(at));
      values.put("expiryTime", format(null, FormatStyle.SHORT, locale).format(at));
    }
    return values;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  /** A localized date and/or time; a time is followed by the zone's short name (CET, EDT...). */
  private static DateTimeFormatter format(
      @Nullable FormatStyle date, @Nullable FormatStyle time, Locale locale) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendLocalized(date, time);
    if (time != null) {
      builder.appendLiteral(' ').appendZoneText(TextStyle.SHORT);
    }
    return builder.toFormatter(locale);
  }

  /** Where one part's words come from: a template file, or the shipped wording of a language. */
  private interface Source {
    String render(NotificationType type, Map<String, String> values, Brand brand);
  }

  private Source find(
      NotificationType type, Locale locale, Part part, @Nullable String storefront) {
    for (String suffix : suffixes(locale)) {
      String file = baseName(type) + suffix + part.extension;
      if (storefront != null) {
        Optional<Template> own = load(location + "/" + storefront + "/" + file);
        if (own.isPresent()) {
          return fromTemplate(checked(own.get(), type, part), part);
        }
      }
      Optional<Template> host = load(location + "/" + file);
      if (host.isPresent()) {
        return fromTemplate(checked(host.get(), type, part), part);
      }
      if (BuiltInMails.exists(suffix)) {
        return (t, values, brand) -> BuiltInMails.render(t, suffix, part.ordinal(), values, brand);
      }
    }
    throw new IllegalStateException(
        "no template " + baseName(type) + part.extension + " under " + BUILT_IN_LOCATION);
  }

  private static Source fromTemplate(Template template, Part part) {
    return (t, values, brand) -> template.render(values, part == Part.HTML);
  }

  private Template checked(Template template, NotificationType type, Part part) {
    boolean hasCode = type == NotificationType.RESET_CODE;
    boolean hasExpiry = type != NotificationType.PASSWORD_CHANGED;
    boolean hasLink = hasExpiry && !hasCode;
    for (String name : template.names()) {
      boolean known =
          variables.containsKey(name)
              || BRAND_NAMES.contains(name)
              || name.equals("name")
              || name.equals("email")
              || (hasLink && name.equals("link"))
              || (hasCode && name.equals("code"))
              || (hasExpiry && EXPIRY_NAMES.contains(name));
      if (!known) {
        throw new IllegalStateException(
            template.source()
                + ": unknown placeholder {{"
                + name
                + "}} for "
                + type
                + "; known: name, email, "
                + String.join(", ", BRAND_NAMES)
                + (hasLink ? ", link" : "")
                + (hasCode ? ", code" : "")
                + (hasExpiry ? ", expiryDate, expiryTime, expiresAt" : "")
                + (variables.isEmpty() ? "" : ", " + String.join(", ", variables.keySet())));
      }
    }
    if (hasLink && part != Part.SUBJECT && !template.names().contains("link")) {
      throw new IllegalStateException(
          template.source() + ": a " + type + " body must contain {{link}}");
    }
    if (hasCode && part != Part.SUBJECT && !template.names().contains("code")) {
      throw new IllegalStateException(
          template.source() + ": a " + type + " body must contain {{code}}");
    }
    return template;
  }

  private Optional<Template> load(String path) {
    return cache.computeIfAbsent(path, p -> read(classLoader.getResource(p)));
  }

  private Optional<Template> read(@Nullable URL url) {
    if (url == null) {
      return Optional.empty();
    }
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
        text = text.substring(1); // a byte-order mark some editors write
      }
      return Optional.of(Template.parse(text, url.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + url, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Resource-bundle style suffixes, most specific first. Only ISO language and country codes are
   * used, which also bounds the cache whatever locales customers have.
   */
  static List<String> suffixes(Locale locale) {
    List<String> suffixes = new ArrayList<>(3);
    String language = locale.getLanguage();
    String country = locale.getCountry();
    if (ISO_LANGUAGES.contains(language)) {
      if (ISO_COUNTRIES.contains(country)) {
        suffixes.add("_" + language + "_" + country);
      }
      suffixes.add("_" + language);
    }
    suffixes.add("");
    return suffixes;
  }

  private static List<Locale> checkedLocales() {
    List<Locale> locales = new ArrayList<>();
    locales.add(Locale.ROOT);
    for (String language : BuiltInMails.LANGUAGES) {
      locales.add(Locale.forLanguageTag(language));
    }
    return List.copyOf(locales);
  }

  static String baseName(NotificationType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private enum Part {
    SUBJECT(".subject.txt"),
    TEXT(".txt"),
    HTML(".html");

    private final String extension;

    Part(String extension) {
      this.extension = extension;
    }
  }

  /**
   * Builds a {@link TemplateMailRenderer}. Each setter checks its argument at once. Not
   * thread-safe.
   */
  public static final class Builder {
    private String location = DEFAULT_HOST_LOCATION;
    private ClassLoader classLoader = loaderOf(TemplateMailRenderer.class);
    private final Map<String, String> variables = new LinkedHashMap<>();

    private Builder() {}

    private static ClassLoader loaderOf(Class<?> type) {
      ClassLoader loader = type.getClassLoader();
      return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    /**
     * Where the host's templates are, on the class path: a resource folder such as {@code
     * shop/mail} (default {@value TemplateMailRenderer#DEFAULT_HOST_LOCATION}).
     *
     * @param location a class-path folder, without leading or trailing {@code /}
     * @return this builder
     * @throws NullPointerException if {@code location} is null
     * @throws IllegalArgumentException if it is blank, starts or ends with {@code /}, or holds
     *     white space or {@code ..}
     */
    public Builder location(String location) {
      Objects.requireNonNull(location, "location must not be null");
      if (location.isBlank()
          || location.startsWith("/")
          || location.endsWith("/")
          || location.contains("..")
          || location.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "location must be a class-path folder like \"shop/mail\" (no leading or trailing '/',"
                + " no white space, no '..'), was \""
                + location
                + "\"");
      }
      this.location = location;
      return this;
    }

    /**
     * The class loader that finds the host's templates (default: the one that loaded this library).
     * The built-in templates are always found through this library's own classes.
     *
     * @param classLoader the class loader
     * @return this builder
     * @throws NullPointerException if {@code classLoader} is null
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader must not be null");
      return this;
    }

    /**
     * A value the host's templates can use as {@code {{name}}}, such as a shop name or a support
     * address. Setting a name again replaces its value.
     *
     * @param name letters, digits, {@code _}, {@code .} or {@code -}, starting with a letter; not
     *     one of the built-in names {@code name}, {@code email}, {@code link}, {@code code}, {@code
     *     expiryDate}, {@code expiryTime}, {@code expiresAt}
     * @param value the value, inserted as it is in text and escaped in HTML
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is malformed or built in, or the value holds a
     *     control character other than a line break or tab
     */
    public Builder variable(String name, String value) {
      Objects.requireNonNull(name, "variable name must not be null");
      Objects.requireNonNull(value, () -> "value of variable " + name + " must not be null");
      if (!VARIABLE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "variable name must be a letter followed by letters, digits, '_', '.' or '-', was \""
                + name
                + "\"");
      }
      if (BUILT_IN_NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "variable name \"" + name + "\" is built in; choose another name");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
          throw new IllegalArgumentException(
              "value of variable " + name + " must not contain control characters");
        }
      }
      variables.put(name, value);
      return this;
    }

    /**
     * Builds the renderer and checks the host's templates of every type in the shipped languages.
     *
     * @return the renderer
     * @throws IllegalStateException if one of those templates is malformed, uses an unknown
     *     placeholder, a link-bearing body lacks {@code {{link}}}, or a reset-code body lacks
     *     {@code {{code}}}
     */
    public TemplateMailRenderer build() {
      TemplateMailRenderer renderer = new TemplateMailRenderer(this);
      renderer.check(null);
      return renderer;
    }
  }
}
