package dev.passwordreset.spring;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.captcha.CaptchaVerifier;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.mail.Brand;
import dev.passwordreset.mail.TemplateMailRenderer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the defaults of the {@code password-reset.*} properties into the configuration metadata
 * that Spring Boot's annotation processor generated. The processor reads defaults from field
 * initializers, and the properties have none where core has the default (they are null until set,
 * so that core's default applies); this class reads those defaults from core, so that they are
 * written once, there.
 *
 * <p>Run by the build ({@code exec-maven-plugin}, phase {@code process-test-classes}, on the test
 * class path where core is) with the path of {@code target/classes/META-INF/
 * spring-configuration-metadata.json}, before the jar is made. Idempotent. {@code
 * ConfigurationMetadataTest} checks the result against core without this class.
 */
public final class MetadataDefaults {

  private MetadataDefaults() {}

  /**
   * Writes the defaults into the metadata file.
   *
   * @param args the path of the generated {@code spring-configuration-metadata.json}
   * @throws IOException if the file cannot be read or written
   * @throws IllegalStateException if a property with a default is missing from the file
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: MetadataDefaults <spring-configuration-metadata>");
    }
    Path file = Path.of(args[0]);
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    JsonNode metadata = json.readTree(Files.readString(file));
    Map<String, Object> defaults = defaults();
    Set<String> missing = new LinkedHashSet<>(defaults.keySet());
    for (JsonNode property : metadata.path("properties")) {
      String name = property.path("name").asString();
      if (defaults.containsKey(name)) {
        put((ObjectNode) property, metadataValue(name, defaults.get(name)));
        missing.remove(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("properties missing from " + file + ": " + missing);
    }
    Files.writeString(file, json.writeValueAsString(metadata));
  }

  private static void put(ObjectNode property, Object value) {
    if (value instanceof Boolean b) {
      property.put("defaultValue", b);
    } else if (value instanceof Integer i) {
      property.put("defaultValue", i);
    } else if (value instanceof Double x) {
      property.put("defaultValue", x);
    } else {
      property.put("defaultValue", value.toString());
    }
  }

  /**
   * The default of every property whose default the annotation processor cannot read: core's
   * defaults, by property, and the adapter's own that are not literals.
   *
   * @return the defaults as core (or the properties class) holds them, by property name
   */
  static Map<String, Object> defaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    ResetSettings settings = ResetSettings.defaults();
    d.put("password-reset.allow-manual-entry", settings.allowManualEntry());
    d.put("password-reset.ticket-expiration-delay", settings.ticketExpirationDelay());
    d.put("password-reset.sign-in-after-reset", settings.signInAfterReset());
    d.put("password-reset.link-lifetime.self-service", settings.selfServiceLinkLifetime());
    d.put("password-reset.link-lifetime.agent", settings.agentLinkLifetime());
    d.put("password-reset.link-lifetime.account-setup", settings.accountSetupLinkLifetime());
    d.put("password-reset.max-password-length", EngineDefaults.MAX_PASSWORD_LENGTH);
    d.put("password-reset.settings-refresh-interval", EngineDefaults.SETTINGS_REFRESH_INTERVAL);
    limit(d, "account-requests", EngineDefaults.ACCOUNT_REQUEST_LIMIT);
    limit(d, "client-requests", EngineDefaults.CLIENT_REQUEST_LIMIT);
    limit(d, "client-bad-tokens", EngineDefaults.CLIENT_BAD_TOKEN_LIMIT);
    limit(d, "client-logins", EngineDefaults.CLIENT_LOGIN_LIMIT);
    d.put(
        "password-reset.throttle.client-ipv6-prefix-length",
        EngineDefaults.CLIENT_IPV6_PREFIX_LENGTH);
    d.put("password-reset.login-protection.free-failures", EngineDefaults.LOGIN_FREE_FAILURES);
    d.put("password-reset.login-protection.first-delay", EngineDefaults.LOGIN_FIRST_DELAY);
    d.put("password-reset.login-protection.max-delay", EngineDefaults.LOGIN_MAX_DELAY);
    d.put(
        "password-reset.login-protection.lockout-threshold",
        EngineDefaults.LOGIN_LOCKOUT_THRESHOLD);
    d.put("password-reset.code.length", EngineDefaults.RESET_CODE_LENGTH);
    d.put("password-reset.code.lifetime", EngineDefaults.RESET_CODE_LIFETIME);
    d.put("password-reset.code.max-attempts", EngineDefaults.RESET_CODE_MAX_ATTEMPTS);
    d.put("password-reset.policy.preset", defaultPreset());
    d.put("password-reset.hashing.memory-kib", Argon2PasswordHasher.DEFAULT_MEMORY_KIB);
    d.put("password-reset.hashing.iterations", Argon2PasswordHasher.DEFAULT_ITERATIONS);
    d.put("password-reset.hashing.parallelism", Argon2PasswordHasher.DEFAULT_PARALLELISM);
    d.put("password-reset.hashing.salt-length", Argon2PasswordHasher.DEFAULT_SALT_LENGTH);
    d.put("password-reset.hashing.hash-length", Argon2PasswordHasher.DEFAULT_HASH_LENGTH);
    d.put("password-reset.mail.template-location", TemplateMailRenderer.DEFAULT_HOST_LOCATION);
    d.put("password-reset.mail.time-zone", new PasswordResetProperties().getMail().getTimeZone());
    d.put("password-reset.brand.accent-color", Brand.DEFAULT_ACCENT_COLOR);
    DeliveryOptions delivery = DeliveryOptions.defaults();
    d.put("password-reset.delivery.attempts", delivery.attempts());
    d.put("password-reset.delivery.initial-backoff", delivery.initialBackoff());
    d.put("password-reset.delivery.max-backoff", delivery.maxBackoff());
    d.put("password-reset.delivery.capacity", delivery.capacity());
    d.put("password-reset.delivery.threads", delivery.threads());
    d.put("password-reset.delivery.close-timeout", delivery.closeTimeout());
    d.put("password-reset.purge.fixed-delay", EngineDefaults.PURGE_INTERVAL);
    d.put("password-reset.captcha.min-score", CaptchaVerifier.DEFAULT_MIN_SCORE);
    d.put("password-reset.captcha.timeout", CaptchaVerifier.DEFAULT_TIMEOUT);
    d.put("password-reset.captcha.connect-timeout", CaptchaVerifier.DEFAULT_CONNECT_TIMEOUT);
    return d;
  }

  private static void limit(Map<String, Object> d, String throttle, ThrottleLimit limit) {
    d.put("password-reset.throttle." + throttle + ".count", limit.count());
    d.put("password-reset.throttle." + throttle + ".window", limit.window());
  }

  /** The preset the adapter turns into core's default policy. */
  private static PasswordResetProperties.PolicyPreset defaultPreset() {
    String coreDefault = RuleBasedPasswordPolicy.defaults().toString();
    for (PasswordResetProperties.PolicyPreset preset :
        PasswordResetProperties.PolicyPreset.values()) {
      PasswordResetProperties.Policy policy = new PasswordResetProperties.Policy();
      policy.setPreset(preset);
      if (PropertiesToEngine.policy(policy).toString().equals(coreDefault)) {
        return preset;
      }
    }
    throw new IllegalStateException("no preset gives " + coreDefault);
  }

  /**
   * A default as the metadata shows it, the way the annotation processor writes one: durations in
   * Spring Boot's simple form ({@code 60m}), in the property's own unit when that reads well, enum
   * constants in lower case.
   */
  static Object metadataValue(String property, Object value) {
    if (value instanceof Duration duration) {
      return simple(duration, unitOf(property));
    }
    if (value instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    if (value instanceof ZoneId zone) {
      return zone.getId();
    }
    return value;
  }

  private static final List<ChronoUnit> UNITS =
      List.of(
          ChronoUnit.MILLIS,
          ChronoUnit.SECONDS,
          ChronoUnit.MINUTES,
          ChronoUnit.HOURS,
          ChronoUnit.DAYS);
  private static final List<String> SUFFIXES = List.of("ms", "s", "m", "h", "d");

  /**
   * The duration in the first unit, from the property's own unit up, that gives a whole number
   * below 100 ({@code 60m}, {@code 24h}), else in the largest unit that gives a whole number.
   */
  private static String simple(Duration duration, ChronoUnit propertyUnit) {
    long millis = duration.toMillis();
    for (int i = UNITS.indexOf(propertyUnit); i < UNITS.size(); i++) {
      long unit = UNITS.get(i).getDuration().toMillis();
      if (millis % unit == 0 && millis / unit < 100) {
        return millis / unit + SUFFIXES.get(i);
      }
    }
    for (int i = UNITS.size() - 1; i >= 0; i--) {
      long unit = UNITS.get(i).getDuration().toMillis();
      if (millis % unit == 0) {
        return millis / unit + SUFFIXES.get(i);
      }
    }
    throw new IllegalArgumentException("not a whole number of milliseconds: " + duration);
  }

  /** The {@link DurationUnit} of a property's field (Spring Boot's default: milliseconds). */
  private static ChronoUnit unitOf(String property) {
    Field field = field(property);
    DurationUnit unit = field.getAnnotation(DurationUnit.class);
    return unit == null ? ChronoUnit.MILLIS : unit.value();
  }

  /** The field behind a property, e.g. {@code throttle.accountRequests.window}. */
  static Field field(String property) {
    Class<?> type = PasswordResetProperties.class;
    Field field = null;
    for (String part : property.substring("password-reset.".length()).split("\\.")) {
      try {
        field = type.getDeclaredField(camelCase(part));
      } catch (NoSuchFieldException e) {
        throw new IllegalArgumentException("no field for " + property, e);
      }
      type = field.getType();
    }
    if (field == null) {
      throw new IllegalArgumentException("no field for " + property);
    }
    return field;
  }

  private static String camelCase(String kebab) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
