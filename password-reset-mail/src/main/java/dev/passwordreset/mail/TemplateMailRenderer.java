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
 * The built-in email templates, which a host can replace file by file on the class path.
 *
 * <h2>Files</h2>
 *
 * For each {@link NotificationType} there are three UTF-8 files, named after the type in lower case
 * with {@code -} for {@code _} ({@code reset-link}, {@code confirm-password}, {@code
 * account-setup}, {@code reminder}, {@code password-changed}):
 *
 * <ul>
 *   <li>{@code reset-link.subject.txt}: the subject, one line (surrounding white space is trimmed);
 *   <li>{@code reset-link.txt}: the plain-text body;
 *   <li>{@code reset-link.html}: the HTML body.
 * </ul>
 *
 * A language or country goes before the extension, as in resource bundles: {@code
 * reset-link_fr.html}, {@code reset-link_fr_CA.html}. The file without a suffix is the fallback
 * (the built-in one is English). The built-in files live under {@value #BUILT_IN_LOCATION}; the
 * host's under {@value #DEFAULT_HOST_LOCATION} unless {@link Builder#location(String)} says
 * otherwise.
 *
 * <h2>Which file wins</h2>
 *
 * For each of the three parts separately, the candidates go from the most specific locale to the
 * fallback ({@code fr_CA}, {@code fr}, none); at each step the host's file is taken if present,
 * else the built-in one. So a host that overrides {@code reset-link.html} but not {@code
 * reset-link_fr.html} still sends the built-in French HTML to French customers: override every
 * language you serve.
 *
 * <h2>Placeholders</h2>
 *
 * {@code {{name}}} is replaced by a value; in {@code .html} files the value is HTML-escaped, in
 * subjects and text bodies it is inserted as it is. There is nothing else (no conditions, no
 * loops). The values:
 *
 * <ul>
 *   <li>{@code name}: the customer's display name, or the email address when there is none;
 *   <li>{@code email}: the address the account uses;
 *   <li>{@code link}: the single-use link (not for {@code password-changed});
 *   <li>{@code expiryDate} and {@code expiryTime}: when the link expires, in the customer's locale
 *       and the configured time zone, e.g. {@code March 10, 2026} and {@code 10:30 AM EDT}, or
 *       {@code 10 mars 2026} and {@code 15:30 CET} (not for {@code password-changed});
 *   <li>{@code expiresAt}: both in one, e.g. {@code March 10, 2026, 10:30 AM EDT} (not for {@code
 *       password-changed});
 *   <li>any value set with {@link Builder#variable(String, String)} (a shop name, a support URL).
 * </ul>
 *
 * An unknown placeholder, or a link-bearing body without {@code {{link}}}, is an error: {@link
 * Builder#build()} checks the fallback and French files of every type; files of other languages are
 * checked when first used.
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
      Set.of("name", "email", "link", "expiresAt", "expiryDate", "expiryTime");
  private static final Set<String> LINK_NAMES =
      Set.of("link", "expiresAt", "expiryDate", "expiryTime");
  private static final ZoneId UTC = ZoneId.of("UTC");
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
   * Writes the email for a notification.
   *
   * @param notification what to write about
   * @param zone the time zone for the link's expiry
   * @return the subject and both bodies
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if a host template is malformed, or uses an unknown placeholder
   */
  public RenderedMail render(Notification notification, ZoneId zone) {
    Objects.requireNonNull(notification, "notification must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    NotificationType type = notification.type();
    Locale locale = notification.locale();
    Map<String, String> values = values(notification, zone);
    String subject = find(type, locale, Part.SUBJECT).render(values, false).strip();
    String text = find(type, locale, Part.TEXT).render(values, false);
    String html = find(type, locale, Part.HTML).render(values, true);
    return new RenderedMail(subject, text, html);
  }

  private Map<String, String> values(Notification n, ZoneId zone) {
    Map<String, String> values = new LinkedHashMap<>(variables);
    String displayName = n.displayName();
    values.put(
        "name", displayName == null || displayName.isBlank() ? n.email() : displayName.strip());
    values.put("email", n.email());
    String link = n.link();
    Instant expiresAt = n.linkExpiresAt();
    if (link != null && expiresAt != null) {
      values.put("link", link);
      // ZoneOffset.UTC would print as "Z"; the region "UTC" prints as "UTC".
      ZonedDateTime at = expiresAt.atZone(zone.equals(ZoneOffset.UTC) ? UTC : zone);
      Locale locale = n.locale();
      values.put("expiresAt", format(FormatStyle.LONG, FormatStyle.SHORT, locale).format(at));
      values.put("expiryDate", format(FormatStyle.LONG, null, locale).format(at));
      values.put("expiryTime", format(null, FormatStyle.SHORT, locale).format(at));
    }
    return values;
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

  private Template find(NotificationType type, Locale locale, Part part) {
    for (String suffix : suffixes(locale)) {
      String file = baseName(type) + suffix + part.extension;
      Optional<Template> host = load(location + "/" + file);
      if (host.isPresent()) {
        return checked(host.get(), type, part);
      }
      Optional<Template> builtIn = loadBuiltIn(BUILT_IN_LOCATION + "/" + file);
      if (builtIn.isPresent()) {
        return checked(builtIn.get(), type, part);
      }
    }
    throw new IllegalStateException(
        "no template " + baseName(type) + part.extension + " under " + BUILT_IN_LOCATION);
  }

  private Template checked(Template template, NotificationType type, Part part) {
    boolean hasLink = type != NotificationType.PASSWORD_CHANGED;
    for (String name : template.names()) {
      boolean known =
          variables.containsKey(name)
              || name.equals("name")
              || name.equals("email")
              || (hasLink && LINK_NAMES.contains(name));
      if (!known) {
        throw new IllegalStateException(
            template.source()
                + ": unknown placeholder {{"
                + name
                + "}} for "
                + type
                + "; known: name, email"
                + (hasLink ? ", link, expiryDate, expiryTime, expiresAt" : "")
                + (variables.isEmpty() ? "" : ", " + String.join(", ", variables.keySet())));
      }
    }
    if (hasLink && part != Part.SUBJECT && !template.names().contains("link")) {
      throw new IllegalStateException(
          template.source() + ": a " + type + " body must contain {{link}}");
    }
    return template;
  }

  private Optional<Template> load(String path) {
    return cache.computeIfAbsent(path, p -> read(classLoader.getResource(p)));
  }

  /**
   * A built-in template, found through this class: in a named module, the templates' package is
   * encapsulated, so a class loader would not find them; this module's own class does.
   */
  private Optional<Template> loadBuiltIn(String path) {
    return cache.computeIfAbsent(
        "built-in:" + path, p -> read(TemplateMailRenderer.class.getResource("/" + path)));
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
     *     one of the built-in names {@code name}, {@code email}, {@code link}, {@code expiryDate},
     *     {@code expiryTime}, {@code expiresAt}
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
     * Builds the renderer and checks the fallback and French templates of every type.
     *
     * @return the renderer
     * @throws IllegalStateException if one of those templates is malformed, uses an unknown
     *     placeholder, or a link-bearing body lacks {@code {{link}}}
     */
    public TemplateMailRenderer build() {
      TemplateMailRenderer renderer = new TemplateMailRenderer(this);
      for (NotificationType type : NotificationType.values()) {
        for (Locale locale : List.of(Locale.ROOT, Locale.FRENCH)) {
          for (Part part : Part.values()) {
            renderer.find(type, locale, part);
          }
        }
      }
      return renderer;
    }
  }
}
