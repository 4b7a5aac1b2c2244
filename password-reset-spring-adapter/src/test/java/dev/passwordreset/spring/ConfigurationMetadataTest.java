package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.mail.TemplateMailRenderer;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata the configuration processor generated and {@link MetadataDefaults} completed with
 * core's defaults, which IDEs use to complete properties. Needs the build's {@code
 * process-test-classes} phase to have run (as {@code mvn test} does).
 */
class ConfigurationMetadataTest {

  /** The properties that have no default, each for a reason given here. */
  private static final Set<String> WITHOUT_DEFAULT =
      Set.of(
          // The host's own: required, or optional without a value that would fit every host.
          "password-reset.link-template",
          "password-reset.storefronts",
          "password-reset.mail.from",
          "password-reset.mail.from-name",
          "password-reset.mail.reply-to",
          "password-reset.mail.variables",
          // The shop's own brand; unset ones fall back to the mail.* values or are left out.
          "password-reset.brand.shop-name",
          "password-reset.brand.logo-url",
          "password-reset.brand.contact",
          "password-reset.brand.contact-phone",
          "password-reset.brand.footer",
          "password-reset.brand.from",
          "password-reset.brand.from-name",
          "password-reset.brand.reply-to",
          "password-reset.brand.time-zone",
          // Unset means "the fixed delay".
          "password-reset.purge.cron",
          // The number of processors of the machine it runs on.
          "password-reset.hashing.max-concurrent-hashes",
          // Each depends on the preset.
          "password-reset.policy.min-length",
          "password-reset.policy.max-length",
          "password-reset.policy.require-uppercase",
          "password-reset.policy.require-lowercase",
          "password-reset.policy.require-digit",
          "password-reset.policy.require-special",
          "password-reset.policy.forbid-email-local-part",
          "password-reset.policy.forbid-common-passwords",
          // The host's own captcha account; a host without one leaves the captcha off.
          "password-reset.captcha.provider",
          "password-reset.captcha.secret",
          "password-reset.captcha.site-key",
          "password-reset.captcha.expected-hostname",
          "password-reset.captcha.expected-action",
          // Unset means the provider's documented siteverify URL.
          "password-reset.captcha.verify-url",
          // The host's own key; unset, the engine keeps a random one in the settings store.
          "password-reset.code.secret");

  /** Every password-reset.* property of the generated file, by name. */
  static Map<String, JsonNode> properties() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (URL url :
        Collections.list(
            ConfigurationMetadataTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          String name = property.path("name").asString();
          if (name.startsWith("password-reset.")) {
            found.put(name, property);
          }
        }
      }
    }
    return found;
  }

  @Test
  void everyPropertyHasADescription() throws Exception {
    Map<String, JsonNode> properties = properties();
    List<String> undocumented = new ArrayList<>();
    properties.forEach(
        (name, property) -> {
          if (property.path("description").asString("").isBlank()) {
            undocumented.add(name);
          }
        });

    assertThat(properties).hasSizeGreaterThan(40);
    assertThat(undocumented).isEmpty();
  }

  @Test
  void metadataListsTheIssuesPropertiesWithTheirDefaults() throws Exception {
    Map<String, JsonNode> properties = properties();

    assertThat(properties)
        .containsKeys(
            "password-reset.allow-manual-entry",
            "password-reset.ticket-expiration-delay",
            "password-reset.link-lifetime.self-service",
            "password-reset.link-lifetime.agent",
            "password-reset.link-lifetime.account-setup",
            "password-reset.link-template",
            "password-reset.storefronts",
            "password-reset.sign-in-after-reset",
            "password-reset.throttle.account-requests.count",
            "password-reset.throttle.client-requests.window",
            "password-reset.policy.preset",
            "password-reset.policy.require-special",
            "password-reset.policy.min-length",
            "password-reset.hashing.memory-kib",
            "password-reset.hashing.max-concurrent-hashes",
            "password-reset.mail.from",
            "password-reset.mail.reply-to",
            "password-reset.mail.time-zone",
            "password-reset.mail.enabled",
            "password-reset.session.invalidate-on-password-change",
            "password-reset.purge.cron",
            "password-reset.purge.fixed-delay",
            "password-reset.web.enabled",
            "password-reset.web.base-path",
            "password-reset.jdbc.initialize-schema",
            "password-reset.code.length",
            "password-reset.code.lifetime",
            "password-reset.code.max-attempts",
            "password-reset.code.secret");
    assertThat(
            properties
                .get("password-reset.ticket-expiration-delay")
                .path("defaultValue")
                .asString())
        .isEqualTo("60m");
    assertThat(
            properties
                .get("password-reset.throttle.account-requests.count")
                .path("defaultValue")
                .asInt())
        .isEqualTo(3);
  }

  @Test
  void resetCodeDefaultsAreCoresAndTheSecretHasNone() throws Exception {
    Map<String, JsonNode> properties = properties();

    assertThat(properties.get("password-reset.code.length").path("defaultValue").asInt())
        .isEqualTo(EngineDefaults.RESET_CODE_LENGTH);
    assertThat(properties.get("password-reset.code.lifetime").path("defaultValue").asString())
        .isEqualTo("15m");
    assertThat(properties.get("password-reset.code.max-attempts").path("defaultValue").asInt())
        .isEqualTo(EngineDefaults.RESET_CODE_MAX_ATTEMPTS);
    assertThat(properties.get("password-reset.code.secret").has("defaultValue")).isFalse();
    assertThat(properties.get("password-reset.code.secret").path("description").asString())
        .contains("UTF-8", "32");
  }

  @Test
  void everyPropertyHasADefaultUnlessItCannotHaveOne() throws Exception {
    List<String> withoutDefault = new ArrayList<>();
    properties()
        .forEach(
            (name, property) -> {
              if (!property.has("defaultValue")) {
                withoutDefault.add(name);
              }
            });

    assertThat(withoutDefault).containsExactlyInAnyOrderElementsOf(WITHOUT_DEFAULT);
  }

  /**
   * The documented defaults are core's: a host that types every documented default gets exactly
   * what core gives when nothing is set. Reads core, not {@link MetadataDefaults}.
   */
  @Test
  void typingEveryDocumentedDefaultGivesWhatCoreGivesWhenNothingIsSet() throws Exception {
    Map<String, String> documented = new TreeMap<>();
    properties()
        .forEach(
            (name, property) -> {
              if (property.has("defaultValue")) {
                documented.put(name, property.path("defaultValue").asString());
              }
            });
    PasswordResetProperties typed =
        new Binder(new MapConfigurationPropertySource(documented))
            .bind("password-reset", PasswordResetProperties.class)
            .get();

    assertThat(PropertiesToEngine.settings(typed)).isEqualTo(ResetSettings.defaults());
    assertThat(PropertiesToEngine.delivery(typed.getDelivery()))
        .isEqualTo(DeliveryOptions.defaults());
    assertThat(PropertiesToEngine.policy(typed.getPolicy()))
        .hasToString(RuleBasedPasswordPolicy.defaults().toString());
    Argon2PasswordHasher hasher = PropertiesToEngine.hasher(typed.getHashing());
    Argon2PasswordHasher coreHasher = new Argon2PasswordHasher();
    assertThat(hasher)
        .extracting(
            Argon2PasswordHasher::memoryKiB,
            Argon2PasswordHasher::iterations,
            Argon2PasswordHasher::parallelism,
            Argon2PasswordHasher::saltLength,
            Argon2PasswordHasher::hashLength)
        .containsExactly(
            coreHasher.memoryKiB(),
            coreHasher.iterations(),
            coreHasher.parallelism(),
            coreHasher.saltLength(),
            coreHasher.hashLength());
    assertThat(typed.getMaxPasswordLength()).isEqualTo(EngineDefaults.MAX_PASSWORD_LENGTH);
    assertThat(typed.getSettingsRefreshInterval())
        .isEqualTo(EngineDefaults.SETTINGS_REFRESH_INTERVAL);
    PasswordResetProperties.Throttle throttle = typed.getThrottle();
    assertThat(limit(throttle.getAccountRequests()))
        .isEqualTo(EngineDefaults.ACCOUNT_REQUEST_LIMIT);
    assertThat(limit(throttle.getClientRequests())).isEqualTo(EngineDefaults.CLIENT_REQUEST_LIMIT);
    assertThat(limit(throttle.getClientBadTokens()))
        .isEqualTo(EngineDefaults.CLIENT_BAD_TOKEN_LIMIT);
    assertThat(PropertiesToEngine.loginProtection(typed.getLoginProtection()))
        .isEqualTo(EngineDefaults.LOGIN_PROTECTION);
    assertThat(PropertiesToEngine.resetCodes(typed.getCode()))
        .isEqualTo(EngineDefaults.RESET_CODES);
    assertThat(throttle.getClientIpv6PrefixLength())
        .isEqualTo(EngineDefaults.CLIENT_IPV6_PREFIX_LENGTH);
    assertThat(limit(throttle.getClientLogins())).isEqualTo(EngineDefaults.CLIENT_LOGIN_LIMIT);
    assertThat(PropertiesToEngine.purgeInterval(typed.getPurge()))
        .isEqualTo(EngineDefaults.PURGE_INTERVAL);
    assertThat(typed.getMail().getTemplateLocation())
        .isEqualTo(TemplateMailRenderer.DEFAULT_HOST_LOCATION);
    PasswordResetProperties.Captcha captcha = typed.getCaptcha();
    assertThat(captcha.getMinScore())
        .isEqualTo(dev.passwordreset.captcha.CaptchaVerifier.DEFAULT_MIN_SCORE);
    assertThat(captcha.getTimeout())
        .isEqualTo(dev.passwordreset.captcha.CaptchaVerifier.DEFAULT_TIMEOUT);
    assertThat(captcha.getConnectTimeout())
        .isEqualTo(dev.passwordreset.captcha.CaptchaVerifier.DEFAULT_CONNECT_TIMEOUT);

    // The adapter's own defaults (field initializers) are documented as they are.
    BeanWrapperImpl typedBean = new BeanWrapperImpl(typed);
    BeanWrapperImpl unsetBean = new BeanWrapperImpl(new PasswordResetProperties());
    documented
        .keySet()
        .forEach(
            name -> {
              String path = beanPath(name);
              Object adapterDefault = unsetBean.getPropertyValue(path);
              if (adapterDefault != null) {
                assertThat(typedBean.getPropertyValue(path)).as(name).isEqualTo(adapterDefault);
              }
            });
  }

  private static Object limit(PasswordResetProperties.Limit limit) {
    // Both parts are set, so the engine's default handed in is not used.
    return PropertiesToEngine.limit("throttle", limit, EngineDefaults.ACCOUNT_REQUEST_LIMIT);
  }

  /**
   * {@code password-reset.throttle.account-requests.count} to {@code
   * throttle.accountRequests.count}.
   */
  private static String beanPath(String property) {
    StringBuilder path = new StringBuilder();
    boolean upper = false;
    for (char c : property.substring("password-reset.".length()).toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        path.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return path.toString();
  }
}
