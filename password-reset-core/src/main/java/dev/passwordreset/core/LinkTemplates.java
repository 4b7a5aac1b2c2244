package dev.passwordreset.core;

import dev.passwordreset.api.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The storefronts' link templates, validated once at build time. */
final class LinkTemplates {
  static final String PLACEHOLDER = "{token}";
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final Map<String, String> byStorefront;
  private final @Nullable String defaultTemplate;

  LinkTemplates(@Nullable String defaultTemplate, Map<String, String> byStorefront) {
    this.defaultTemplate = defaultTemplate;
    this.byStorefront = Map.copyOf(new LinkedHashMap<>(byStorefront));
  }

  /**
   * Throws if the template is not an absolute https URL (http only for localhost) with one {token}.
   */
  static String validate(String template, String what) {
    if (template == null || template.isBlank()) {
      throw new InvalidSettingException(what, null, "must not be blank");
    }
    int first = template.indexOf(PLACEHOLDER);
    if (first < 0 || template.indexOf(PLACEHOLDER, first + 1) >= 0) {
      throw new InvalidSettingException(
          what, "'" + template + "'", "must contain " + PLACEHOLDER + " exactly once");
    }
    URI uri;
    try {
      uri = new URI(template.replace(PLACEHOLDER, "TOKEN"));
    } catch (URISyntaxException e) {
      InvalidSettingException invalid =
          new InvalidSettingException(
              what, "'" + template + "'", "must be a valid URL (" + e.getReason() + ")");
      invalid.initCause(e);
      throw invalid;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || host.isEmpty()) {
      throw new InvalidSettingException(
          what, "'" + template + "'", "must be an absolute URL with a host");
    }
    boolean local = LOCAL_HOSTS.contains(host);
    if (!scheme.equals("https") && !(scheme.equals("http") && local)) {
      throw new InvalidSettingException(
          what, "'" + template + "'", "must use https (plain http is allowed only for localhost)");
    }
    return template;
  }

  /** Throws IllegalArgumentException for a storefront that was not configured. */
  String templateFor(@Nullable String storefront) {
    String template = storefront == null ? defaultTemplate : byStorefront.get(storefront);
    if (template == null) {
      throw new IllegalArgumentException(
          "unknown storefront '"
              + storefront
              + "'; configured storefronts: "
              + (defaultTemplate == null ? "" : "(default) ")
              + byStorefront.keySet());
    }
    return template;
  }

  static String expand(String template, String token) {
    return template.replace(PLACEHOLDER, token);
  }
}
