package dev.passwordreset.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The texts of the built-in rules, from {@code messages.properties} (English, the root) and {@code
 * messages_<language>.properties} beside this class, read as UTF-8.
 *
 * <p>Loaded by hand rather than with {@code ResourceBundle.getBundle}: a {@code
 * ResourceBundle.Control} (needed to stop the JVM's default locale from being used as a fallback)
 * is not supported when the caller is in a named module, which this jar is on the module path. Only
 * the locale's language is used, so an unsupported language, whatever the JVM's default, gets
 * English.
 */
final class Messages {
  private static final String ROOT = "messages.properties";

  /** Bounds the cache: languages come from customers' browsers. */
  private static final int MAX_CACHED = 64;

  private static final ResourceBundle ROOT_BUNDLE = load(ROOT).orElseThrow();
  private static final Map<String, Optional<ResourceBundle>> BY_LANGUAGE =
      new ConcurrentHashMap<>();

  private Messages() {}

  /**
   * Formats a message.
   *
   * @param locale the language; an unsupported one gets English
   * @param key the key, e.g. {@code "uppercase.violation"}
   * @param args the {@link MessageFormat} arguments
   * @return the text
   */
  static String format(Locale locale, String key, Object... args) {
    ResourceBundle bundle = bundle(locale).filter(b -> b.containsKey(key)).orElse(ROOT_BUNDLE);
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }

  private static Optional<ResourceBundle> bundle(Locale locale) {
    String language = locale.getLanguage();
    // new Locale(String) accepts anything; only a plain ISO 639 code may name a resource.
    if (!language.matches("[a-z]{2,8}") || language.equals("en")) {
      return Optional.empty();
    }
    @Nullable Optional<ResourceBundle> bundle = BY_LANGUAGE.get(language);
    if (bundle == null) {
      bundle = load("messages_" + language + ".properties");
      if (BY_LANGUAGE.size() < MAX_CACHED || bundle.isPresent()) {
        BY_LANGUAGE.putIfAbsent(language, bundle);
      }
    }
    return bundle;
  }

  private static Optional<ResourceBundle> load(String name) {
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      if (in == null) {
        return Optional.empty();
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return Optional.of(new PropertyResourceBundle(reader));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy messages " + name, e);
    }
  }
}
