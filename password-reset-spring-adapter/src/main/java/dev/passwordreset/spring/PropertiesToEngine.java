package dev.passwordreset.spring;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Feeds the properties into core's builders. Core decides every range; this class only names the
 * property a rejected value came from, so a bad value stops start-up with a message about {@code
 * password-reset.ticket-expiration-delay} rather than about a builder's argument.
 */
final class PropertiesToEngine {
  static final String PREFIX = "password-reset.";

  /** A core message that starts with the argument's name, e.g. "window must be between...". */
  private static final Pattern LEADING_NAME = Pattern.compile("^[A-Za-z.]+(?: for '[^']*')? must ");

  private PropertiesToEngine() {}

  static ResetSettings settings(PasswordResetProperties p) {
    ResetSettings s = ResetSettings.defaults();
    s = s.withAllowManualEntry(p.isAllowManualEntry()).withSignInAfterReset(p.isSignInAfterReset());
    ResetSettings base = s;
    s =
        checked(
            "ticket-expiration-delay",
            () -> base.withTicketExpirationDelay(p.getTicketExpirationDelay()));
    ResetSettings s1 = s;
    PasswordResetProperties.LinkLifetime l = p.getLinkLifetime();
    s =
        checked(
            "link-lifetime.self-service", () -> s1.withSelfServiceLinkLifetime(l.getSelfService()));
    ResetSettings s2 = s;
    s = checked("link-lifetime.agent", () -> s2.withAgentLinkLifetime(l.getAgent()));
    ResetSettings s3 = s;
    return checked(
        "link-lifetime.account-setup", () -> s3.withAccountSetupLinkLifetime(l.getAccountSetup()));
  }

  static Argon2PasswordHasher hasher(PasswordResetProperties.Hashing h) {
    Argon2PasswordHasher.Builder b = Argon2PasswordHasher.builder();
    set("hashing.memory-kib", h.getMemoryKib(), b::memoryKiB);
    set("hashing.iterations", h.getIterations(), b::iterations);
    set("hashing.parallelism", h.getParallelism(), b::parallelism);
    set("hashing.salt-length", h.getSaltLength(), b::saltLength);
    set("hashing.hash-length", h.getHashLength(), b::hashLength);
    Integer concurrent = h.getMaxConcurrentHashes();
    if (concurrent != null) {
      set("hashing.max-concurrent-hashes", concurrent, b::maxConcurrentHashes);
    }
    return checked("hashing.memory-kib", b::build);
  }

  static RuleBasedPasswordPolicy policy(PasswordResetProperties.Policy p) {
    RuleBasedPasswordPolicy.Builder b =
        switch (p.getPreset()) {
          case DEFAULT -> RuleBasedPasswordPolicy.defaults().toBuilder();
          case NIST -> RuleBasedPasswordPolicy.nist().toBuilder();
        };
    setIfPresent("policy.min-length", p.getMinLength(), b::minLength);
    setIfPresent("policy.max-length", p.getMaxLength(), b::maxLength);
    setIfPresent("policy.require-uppercase", p.getRequireUppercase(), b::requireUppercase);
    setIfPresent("policy.require-lowercase", p.getRequireLowercase(), b::requireLowercase);
    setIfPresent("policy.require-digit", p.getRequireDigit(), b::requireDigit);
    setIfPresent("policy.require-special", p.getRequireSpecial(), b::requireSpecial);
    setIfPresent(
        "policy.forbid-email-local-part", p.getForbidEmailLocalPart(), b::forbidEmailLocalPart);
    setIfPresent(
        "policy.forbid-common-passwords", p.getForbidCommonPasswords(), b::forbidCommonPasswords);
    return checked("policy.min-length", b::build);
  }

  /** Everything of the engine's builder that the properties cover, except the beans. */
  static void configure(PasswordResetEngine.Builder b, PasswordResetProperties p) {
    b.settings(settings(p));
    String linkTemplate = p.getLinkTemplate();
    if (linkTemplate == null || linkTemplate.isBlank()) {
      throw new PasswordResetConfigurationException(
          PREFIX + "link-template",
          "is not set; it is the address of your storefront's reset page, which the emailed links"
              + " point to",
          "Set password-reset.link-template to an absolute https URL holding {token} exactly once,"
              + " e.g. https://shop.example/password/reset?token={token}",
          null);
    }
    set("link-template", linkTemplate, b::linkTemplate);
    for (Map.Entry<String, PasswordResetProperties.Storefront> e : p.getStorefronts().entrySet()) {
      String property = "storefronts." + e.getKey() + ".link-template";
      String template = e.getValue().getLinkTemplate();
      if (template == null || template.isBlank()) {
        throw new PasswordResetConfigurationException(
            PREFIX + property,
            "is not set; every storefront needs its own reset page",
            "Set " + PREFIX + property + " or remove the storefront",
            null);
      }
      set(property, template, t -> b.linkTemplate(e.getKey(), t));
    }
    set("max-password-length", p.getMaxPasswordLength(), b::maxPasswordLength);
    set("settings-refresh-interval", p.getSettingsRefreshInterval(), b::settingsRefreshInterval);

    PasswordResetProperties.Throttle t = p.getThrottle();
    b.accountRequestLimit(limit("throttle.account-requests", t.getAccountRequests()));
    b.clientRequestLimit(limit("throttle.client-requests", t.getClientRequests()));
    b.clientBadTokenLimit(limit("throttle.client-bad-tokens", t.getClientBadTokens()));
    b.accountLoginLimit(limit("throttle.account-logins", t.getAccountLogins()));
    b.clientLoginLimit(limit("throttle.client-logins", t.getClientLogins()));

    b.deliveryOptions(delivery(p.getDelivery()));
  }

  static DeliveryOptions delivery(PasswordResetProperties.Delivery d) {
    DeliveryOptions o = DeliveryOptions.defaults();
    DeliveryOptions o0 = o;
    o = checked("delivery.attempts", () -> o0.withAttempts(d.getAttempts()));
    DeliveryOptions o1 = o;
    // The first wait alone (against the widest maximum), then the maximum against it.
    checked(
        "delivery.initial-backoff",
        () -> o1.withBackoff(d.getInitialBackoff(), Duration.ofDays(1)));
    o =
        checked(
            "delivery.max-backoff", () -> o1.withBackoff(d.getInitialBackoff(), d.getMaxBackoff()));
    DeliveryOptions o2 = o;
    o = checked("delivery.capacity", () -> o2.withCapacity(d.getCapacity()));
    DeliveryOptions o3 = o;
    o = checked("delivery.threads", () -> o3.withThreads(d.getThreads()));
    DeliveryOptions o4 = o;
    return checked("delivery.close-timeout", () -> o4.withCloseTimeout(d.getCloseTimeout()));
  }

  static ThrottleLimit limit(String property, PasswordResetProperties.Limit l) {
    // Each part against a valid other part, so the message blames the right property.
    checked(property + ".count", () -> ThrottleLimit.of(l.getCount(), minute()));
    checked(property + ".window", () -> ThrottleLimit.of(1, l.getWindow()));
    return ThrottleLimit.of(l.getCount(), l.getWindow());
  }

  private static Duration minute() {
    return Duration.ofMinutes(1);
  }

  private static <T> void set(String property, T value, Consumer<T> setter) {
    checked(
        property,
        () -> {
          setter.accept(value);
          return value;
        });
  }

  private static <T> void setIfPresent(String property, @Nullable T value, Consumer<T> setter) {
    if (value != null) {
      set(property, value, setter);
    }
  }

  /**
   * Runs a core call; a rejected value becomes a {@link PasswordResetConfigurationException} naming
   * the property and keeping core's words about the allowed range.
   */
  static <T> T checked(String property, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      String message = e.getMessage() == null ? "is invalid" : e.getMessage();
      String problem =
          LEADING_NAME.matcher(message).find()
              ? message.substring(message.indexOf(" must ") + 1)
              : "is invalid: " + message;
      throw new PasswordResetConfigurationException(
          PREFIX + property,
          problem,
          "Change " + PREFIX + property + " to a value in the allowed range.",
          e);
    }
  }
}
