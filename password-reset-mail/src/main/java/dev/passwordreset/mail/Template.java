package dev.passwordreset.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed template: literal text with {@code {{name}}} placeholders. Immutable and thread-safe. No
 * loops, no conditions, no expressions: the values are computed in Java, the wording lives in the
 * template.
 */
final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*}}");

  /** Alternating parts: even indexes are literals, odd indexes placeholder names. */
  private final List<String> parts;

  private final Set<String> names;
  private final String source;

  private Template(List<String> parts, Set<String> names, String source) {
    this.parts = List.copyOf(parts);
    this.names = Set.copyOf(names);
    this.source = source;
  }

  /**
   * Parses a template.
   *
   * @param text the template text
   * @param source where it came from, for error messages
   * @throws IllegalArgumentException if a {@code {{} is not a well-formed placeholder
   */
  static Template parse(String text, String source) {
    List<String> parts = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int last = 0;
    while (m.find()) {
      String literal = text.substring(last, m.start());
      checkNoStrayBraces(literal, source);
      parts.add(literal);
      parts.add(m.group(1));
      names.add(m.group(1));
      last = m.end();
    }
    String tail = text.substring(last);
    checkNoStrayBraces(tail, source);
    parts.add(tail);
    return new Template(parts, names, source);
  }

  private static void checkNoStrayBraces(String literal, String source) {
    int at = literal.indexOf("{{");
    if (at >= 0) {
      throw new IllegalArgumentException(
          source
              + ": malformed placeholder near \""
              + literal.substring(at, Math.min(literal.length(), at + 30))
              + "\"; write {{name}} with a letter, digits, '_', '.' or '-'");
    }
  }

  /** The placeholder names used, in order of first appearance. */
  Set<String> names() {
    return names;
  }

  /** Where the template came from. */
  String source() {
    return source;
  }

  /**
   * Substitutes every placeholder.
   *
   * @param values the values by name; each must be present
   * @param html whether to escape the values for HTML
   * @throws IllegalStateException if a placeholder has no value
   */
  String render(Map<String, String> values, boolean html) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (i % 2 == 0) {
        out.append(part);
      } else {
        String value = values.get(part);
        if (value == null) {
          throw new IllegalStateException(
              source + ": unknown placeholder {{" + part + "}}; known: " + values.keySet());
        }
        out.append(html ? escapeHtml(value) : value);
      }
    }
    return out.toString();
  }

  /** Escapes the five characters that matter in HTML text and quoted attribute values. */
  static String escapeHtml(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
