package dev.passwordreset.mail;

import dev.passwordreset.api.NotificationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped emails: one layout for every type and language, with the words of {@code
 * mail.properties} (English) and {@code mail_<language>.properties} beside the built-in templates.
 * The plain-text part is wrapped at {@value #WIDTH} columns (a word or URL longer than that stays
 * whole on its own line); the HTML part is the same text under the shop's name (with the logo
 * beside it as a CSS background, never an {@code <img>}), a button in its accent colour, and a
 * footer with the contact and the postal line. The reset code ({@link NotificationType#RESET_CODE})
 * has no button: the code stands in the text part on its own line as it is, and in the HTML part in
 * a large monospace block, in groups ({@code 1234 5678}).
 *
 * <p>The wording's placeholders are {@code {name}}, {@code {email}}, {@code {shop}}, {@code
 * {expiryDate}} and {@code {expiryTime}}; the code itself is never in the wording (the layout
 * places it). Thread-safe; bundles are cached (only files that exist are).
 */
final class BuiltInMails {
  /** The widest line of a plain-text part, URLs and words longer than it aside. */
  static final int WIDTH = 76;

  /** The languages shipped, besides English ({@code mail.properties}). */
  static final List<String> LANGUAGES = List.of("de", "es", "fr", "it", "nl", "pl", "pt");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final Map<String, Optional<Properties>> BUNDLES = new ConcurrentHashMap<>();
  private static final Set<String> SHIPPED;

  static {
    java.util.HashSet<String> shipped = new java.util.HashSet<>();
    shipped.add("");
    for (String language : LANGUAGES) {
      shipped.add("_" + language);
    }
    SHIPPED = Set.copyOf(shipped);
  }

  private BuiltInMails() {}

  /** Whether a shipped wording exists for this resource-bundle suffix ({@code _fr}, {@code ""}). */
  static boolean exists(String suffix) {
    return SHIPPED.contains(suffix);
  }

  /** The language of the suffix, for {@code <html lang>}: {@code en} for the fallback. */
  static String language(String suffix) {
    return suffix.isEmpty() ? "en" : suffix.substring(1).replace('_', '-');
  }

  /**
   * Writes one part of a shipped email.
   *
   * @param type the email
   * @param suffix a suffix for which {@link #exists(String)}
   * @param part 0 subject, 1 text, 2 HTML
   * @param values the template values (name, email, link or code, expiryDate, expiryTime, brand
   *     fields)
   * @param brand the storefront's brand
   */
  static String render(
      NotificationType type, String suffix, int part, Map<String, String> values, Brand brand) {
    Properties words = bundle(suffix);
    String base = TemplateMailRenderer.baseName(type);
    Writer w = new Writer(words, values, brand, language(suffix));
    String subject = w.plain(base + ".subject");
    if (part == 0) {
      return subject;
    }
    w.begin(subject);
    w.paragraph("greeting");
    switch (type) {
      case RESET_LINK -> {
        w.paragraph(base + ".intro");
        w.action(base + ".action", base + ".button");
        w.paragraph("expiry");
        w.paragraph(base + ".ignore");
        w.small(base + ".spam");
      }
      case CONFIRM_PASSWORD -> {
        w.paragraph(base + ".intro");
        w.action(base + ".action", base + ".button");
        w.paragraph("expiry");
        w.paragraph(base + ".until");
        w.paragraph(base + ".ignore");
        w.small("spam");
      }
      case ACCOUNT_SETUP -> {
        w.paragraph(base + ".intro");
        w.action(base + ".action", base + ".button");
        w.paragraph("expiry");
        w.paragraph(base + ".expired");
        w.small("spam");
      }
      case REMINDER -> {
        w.paragraph(base + ".intro");
        w.emailBlock();
        w.paragraph(base + ".sign-in");
        w.paragraph(base + ".never");
        w.action(base + ".action", base + ".button");
        w.paragraph("expiry");
        w.paragraph(base + ".ignore");
        w.small("spam");
      }
      case PASSWORD_CHANGED -> {
        w.paragraph(base + ".intro");
        w.paragraph(base + ".ok");
        w.paragraph(base + ".not-you");
        w.steps(base + ".step1", base + ".step2", base + ".step3");
      }
      case RESET_CODE -> {
        w.paragraph(base + ".intro");
        w.paragraph(base + ".where");
        w.codeBlock();
        w.paragraph(base + ".expiry");
        w.paragraph(base + ".latest");
        w.paragraph(base + ".never-share");
        w.paragraph(base + ".ignore");
        w.small("spam");
      }
    }
    w.signOff();
    w.footer();
    return part == 1 ? w.text() : w.html();
  }

  /** The words for a suffix; a key missing there is taken from English. */
  static Properties bundle(String suffix) {
    Properties english =
        load("").orElseThrow(() -> new IllegalStateException("no mail.properties"));
    if (suffix.isEmpty()) {
      return english;
    }
    Properties own =
        load(suffix)
            .orElseThrow(() -> new IllegalStateException("no mail" + suffix + ".properties"));
    Properties merged = new Properties();
    merged.putAll(english);
    merged.putAll(own);
    return merged;
  }

  private static Optional<Properties> load(String suffix) {
    return BUNDLES.computeIfAbsent(suffix, BuiltInMails::read);
  }

  private static Optional<Properties> read(String suffix) {
    String path = "/" + TemplateMailRenderer.BUILT_IN_LOCATION + "/mail" + suffix + ".properties";
    try (InputStream in = BuiltInMails.class.getResourceAsStream(path)) {
      if (in == null) {
        return Optional.empty();
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        Properties p = new Properties();
        p.load(reader);
        return Optional.of(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * Wraps a paragraph at {@code width} columns on ordinary spaces (never on a non-breaking one); a
   * word longer than the width stays whole on its own line.
   */
  static List<String> wrap(String paragraph, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int lineLength = 0;
    for (String word : paragraph.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      int length = word.codePointCount(0, word.length());
      if (lineLength > 0 && lineLength + 1 + length > width) {
        lines.add(line.toString());
        line.setLength(0);
        lineLength = 0;
      }
      if (lineLength > 0) {
        line.append(' ');
        lineLength++;
      }
      line.append(word);
      lineLength += length;
    }
    if (lineLength > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * A code of digits in groups separated by a space, for reading: up to 5 digits as one group, else
   * two halves (the first the longer): {@code 123 456}, {@code 1234 5678}, {@code 12345 67890}. A
   * code that is not all ASCII digits is returned as it is. The engine ignores the spaces when the
   * code is typed back or pasted.
   */
  static String grouped(String code) {
    int length = code.length();
    if (length <= 5 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return code;
    }
    int first = (length + 1) / 2;
    return code.substring(0, first) + " " + code.substring(first);
  }

  /** Builds the text and the HTML part side by side. */
  private static final class Writer {
    private final Properties words;
    private final Map<String, String> values;
    private final Brand brand;
    private final String language;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    Writer(Properties words, Map<String, String> values, Brand brand, String language) {
      this.words = words;
      this.values = values;
      this.brand = brand;
      this.language = language;
    }

    private String word(String key) {
      String pattern = words.getProperty(key);
      if (pattern == null) {
        throw new IllegalStateException("no wording " + key + " in the shipped mail bundles");
      }
      return pattern.strip();
    }

    /** The wording with its values, as plain text. */
    String plain(String key) {
      return fill(word(key), false);
    }

    /** The wording with its values escaped, the email address in bold, as HTML. */
    private String marked(String key) {
      return fill(word(key), true);
    }

    private String fill(String pattern, boolean asHtml) {
      StringBuilder out = new StringBuilder();
      Matcher m = PLACEHOLDER.matcher(pattern);
      int last = 0;
      while (m.find()) {
        String literal = pattern.substring(last, m.start());
        out.append(asHtml ? escapeText(literal) : literal);
        String name = m.group(1);
        String value = values.get(name.equals("shop") ? "shopName" : name);
        if (value == null) {
          throw new IllegalStateException("no value for {" + name + "} in " + pattern);
        }
        if (!asHtml) {
          out.append(value);
        } else if (name.equals("email")) {
          out.append("<strong>").append(Template.escapeHtml(value)).append("</strong>");
        } else {
          out.append(Template.escapeHtml(value));
        }
        last = m.end();
      }
      String tail = pattern.substring(last);
      out.append(asHtml ? escapeText(tail) : tail);
      return out.toString();
    }

    /**
     * Escapes the library's own words for HTML text (never an attribute): only {@code &}, {@code <}
     * and {@code >}, so apostrophes and quotes stay as written.
     */
    private static String escapeText(String words) {
      return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    void begin(String subject) {
      String accent = brand.accentColor();
      html.append("<!DOCTYPE html>\n<html lang=\"")
          .append(language)
          .append("\">\n<head>\n<meta charset=\"UTF-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<title>")
          .append(Template.escapeHtml(subject))
          .append("</title>\n</head>\n")
          .append("<body style=\"margin:0;padding:24px;background:#f4f4f5;")
          .append("font-family:Arial,Helvetica,sans-serif;color:#18181b;\">\n")
          .append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;")
          .append("border-top:4px solid ")
          .append(accent)
          .append(";border-radius:8px;line-height:1.5;\">\n")
          .append("<div style=\"padding:24px 32px 0;\">");
      String shop = Template.escapeHtml(brand.shopName());
      html.append("<div style=\"font-size:20px;font-weight:bold;line-height:40px;color:")
          .append(accent)
          .append(";");
      if (brand.logoUrl() != null) {
        // A CSS background, not an <img>: spam filters score an image beside little text
        // (SpamAssassin's HTML_IMAGE_ONLY_*), and the name stays readable when images are off.
        html.append("padding-left:52px;background-image:url(&#39;")
            .append(Template.escapeHtml(cssUrl(brand.logoUrl().toString())))
            .append("&#39;);background-repeat:no-repeat;background-position:left center;")
            .append("background-size:40px 40px;");
      }
      html.append("\">").append(shop).append("</div>");
      html.append("</div>\n<div style=\"padding:8px 32px 24px;\">\n");
    }

    /** A URL safe inside CSS {@code url('...')}: quotes, parentheses and backslashes encoded. */
    private static String cssUrl(String url) {
      return url.replace("\\", "%5C")
          .replace("'", "%27")
          .replace("\"", "%22")
          .replace("(", "%28")
          .replace(")", "%29");
    }

    void paragraph(String key) {
      addText(plain(key));
      html.append("<p>").append(marked(key)).append("</p>\n");
    }

    void small(String key) {
      addText(plain(key));
      html.append("<p style=\"font-size:13px;color:#52525b;\">")
          .append(marked(key))
          .append("</p>\n");
    }

    void emailBlock() {
      text.append("    ").append(values.get("email")).append("\n\n");
      html.append("<p style=\"margin-left:24px;\"><strong>")
          .append(Template.escapeHtml(values.get("email")))
          .append("</strong></p>\n");
    }

    /**
     * The reset code: on its own line in the text part, as it is (the easiest to copy); in the HTML
     * part large, in a monospace block, in groups that are easy to read ({@link #grouped}).
     */
    void codeBlock() {
      String code = values.get("code");
      text.append("    ").append(code).append("\n\n");
      // 28px with 3px spacing: eight digits fit the narrowest phones; on one too narrow for ten,
      // the second group goes to a line of its own (no nowrap), never out of the card.
      html.append("<p style=\"margin:24px 0;\"><span style=\"display:inline-block;")
          .append("padding:12px 16px;background:#f4f4f5;border:1px solid #e4e4e7;")
          .append("border-radius:6px;font-family:&#39;Courier New&#39;,Courier,monospace;")
          .append("font-size:28px;font-weight:bold;letter-spacing:3px;")
          .append("color:#18181b;\">")
          .append(Template.escapeHtml(grouped(code)))
          .append("</span></p>\n");
    }

    void action(String lead, String button) {
      String link = values.get("link");
      addText(plain(lead));
      text.append(link).append("\n\n");
      String href = Template.escapeHtml(link);
      html.append("<p>")
          .append(marked(lead))
          .append("</p>\n<p style=\"margin:28px 0;\"><a href=\"")
          .append(href)
          .append("\" style=\"background:")
          .append(brand.accentColor())
          .append(";color:#ffffff;padding:12px 20px;border-radius:6px;")
          .append("text-decoration:none;display:inline-block;\">")
          .append(marked(button))
          .append("</a></p>\n<p style=\"font-size:13px;color:#52525b;\">")
          .append(marked("link.fallback"))
          .append("<br><a href=\"")
          .append(href)
          .append("\" style=\"color:")
          .append(brand.accentColor())
          .append(";word-break:break-all;\">")
          .append(href)
          .append("</a></p>\n");
    }

    void steps(String... keys) {
      html.append("<ol>\n");
      for (int i = 0; i < keys.length; i++) {
        String key = keys[i];
        boolean contact = key.endsWith(".step2");
        if (contact && brand.contactLines().isEmpty()) {
          key = key + ".no-contact";
        }
        String prefix = (i + 1) + ". ";
        List<String> lines = wrap(plain(key), WIDTH - prefix.length());
        for (int j = 0; j < lines.size(); j++) {
          text.append(j == 0 ? prefix : " ".repeat(prefix.length()))
              .append(lines.get(j))
              .append('\n');
        }
        html.append("<li>").append(marked(key));
        if (contact && !brand.contactLines().isEmpty()) {
          for (String line : brand.contactLines()) {
            text.append(" ".repeat(prefix.length() + 2)).append(line).append('\n');
          }
          html.append("<br>").append(contactHtml("<br>"));
        }
        html.append("</li>\n");
      }
      text.append('\n');
      html.append("</ol>\n");
    }

    void signOff() {
      text.append(plain("signoff")).append('\n');
      for (String line : wrap(plain("team"), WIDTH)) {
        text.append(line).append('\n');
      }
      html.append("<p>")
          .append(marked("signoff"))
          .append("<br>")
          .append(marked("team"))
          .append("</p>\n</div>\n");
    }

    void footer() {
      boolean contact = !brand.contactLines().isEmpty();
      if (!contact && brand.footer() == null) {
        return;
      }
      html.append(
          "<div style=\"padding:16px 32px;border-top:1px solid #e4e4e7;font-size:12px;"
              + "color:#52525b;\">\n");
      text.append('\n');
      if (contact) {
        for (String line : wrap(plain("help"), WIDTH)) {
          text.append(line).append('\n');
        }
        for (String line : brand.contactLines()) {
          text.append(line).append('\n');
        }
        html.append("<p style=\"margin:0 0 8px;\">")
            .append(marked("help"))
            .append("<br>")
            .append(contactHtml(" &middot; "))
            .append("</p>\n");
      }
      String footer = brand.footer();
      if (footer != null) {
        for (String line : wrap(footer, WIDTH)) {
          text.append(line).append('\n');
        }
        html.append("<p style=\"margin:0;\">").append(Template.escapeHtml(footer)).append("</p>\n");
      }
      html.append("</div>\n");
    }

    /** The contact as links: mailto, the page, tel. */
    private String contactHtml(String separator) {
      List<String> links = new ArrayList<>(3);
      String linkStyle = "\" style=\"color:" + brand.accentColor() + ";\">";
      if (brand.contactEmail() != null) {
        String email = Template.escapeHtml(brand.contactEmail());
        links.add("<a href=\"mailto:" + email + linkStyle + email + "</a>");
      }
      if (brand.contactUrl() != null) {
        String url = Template.escapeHtml(brand.contactUrl().toString());
        links.add("<a href=\"" + url + linkStyle + url + "</a>");
      }
      String phone = brand.contactPhone();
      if (phone != null) {
        String dial = phone.replaceAll("[^0-9+]", "");
        links.add("<a href=\"tel:" + dial + linkStyle + Template.escapeHtml(phone) + "</a>");
      }
      return String.join(separator, links);
    }

    private void addText(String paragraph) {
      for (String line : wrap(paragraph, WIDTH)) {
        text.append(line).append('\n');
      }
      text.append('\n');
    }

    String text() {
      // One line break at the end, not the blank line every block leaves.
      String out = text.toString();
      while (out.endsWith("\n\n")) {
        out = out.substring(0, out.length() - 1);
      }
      return out;
    }

    String html() {
      return html.append("</div>\n</body>\n</html>\n").toString();
    }
  }
}
