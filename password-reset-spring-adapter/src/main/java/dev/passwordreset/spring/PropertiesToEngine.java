package dev.passwordreset.spring;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.core.EngineDefaults;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.ResetCodes;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Feeds the properties into core's builders: each property that is set goes to its builder call,
 * and one that is not set is not passed at all, so core's default stays. Core decides every default
 * and range; a rejected value comes back as an {@link InvalidSettingException}, whose {@link
 * InvalidSettingException#setting() setting} names the part of the call that was wrong, and becomes
 * a {@link PasswordResetConfigurationException} naming the property.
 *
 * <p>{@link #checkAll} runs the same calls once, before the first bean is built, and collects every
 * problem instead of stopping at the first, so that one start reports them all. While it runs, the
 * methods here answer {@code null} where a call was refused.
 */
final class PropertiesToEngine {
  static final String PREFIX = "password-reset.";

  /** Where a link template goes, for the advice of a missing or bad one. */
  private static final String LINK_TEMPLATE_EXAMPLE =
      "https://shop.example/password/reset?token={token}";

  /** The problems found so far while {@link #checkAll} runs on this thread; else empty. */
  private static final ThreadLocal<List<PasswordResetConfigurationException.Problem>> collecting =
      new ThreadLocal<>();

  private PropertiesToEngine() {}

  /**
   * Runs every check and stops start-up with one exception listing every problem, each with its own
   * action; returns when there is none.
   *
   * @param checks each runs the calls that map one group of properties
   * @throws PasswordResetConfigurationException with every problem found
   */
  static void checkAll(List<Runnable> checks) {
    List<PasswordResetConfigurationException.Problem> problems = new ArrayList<>();
    @Nullable Throwable firstCause = null;
    collecting.set(problems);
    try {
      for (Runnable check : checks) {
        try {
          check.run();
        } catch (PasswordResetConfigurationException e) {
          problems.addAll(e.problems());
          firstCause = firstCause == null ? e : firstCause;
        }
      }
    } finally {
      collecting.remove();
    }
    if (!problems.isEmpty()) {
      throw new PasswordResetConfigurationException(problems, firstCause);
    }
  }

  /** Throws the problem, or, while {@link #checkAll} runs, notes it and answers {@code null}. */
  static <T> @Nullable T report(PasswordResetConfigurationException problem) {
    List<PasswordResetConfigurationException.Problem> found = collecting.get();
    if (found == null) {
      throw problem;
    }
    found.addAll(problem.problems());
    return null;
  }

  /** The initial settings: core's defaults, with each property that is set. */
  static ResetSettings settings(PasswordResetProperties p) {
    ResetSettings s = ResetSettings.defaults();
    PasswordResetProperties.LinkLifetime l = p.getLinkLifetime();
    s = with(s, "allow-manual-entry", p.getAllowManualEntry(), ResetSettings::withAllowManualEntry);
    s =
        with(
            s, "sign-in-after-reset", p.getSignInAfterReset(), ResetSettings::withSignInAfterReset);
    s =
        with(
            s,
            "ticket-expiration-delay",
            p.getTicketExpirationDelay(),
            ResetSettings::withTicketExpirationDelay);
    s =
        with(
            s,
            "link-lifetime.self-service",
            l.getSelfService(),
            ResetSettings::withSelfServiceLinkLifetime);
    s = with(s, "link-lifetime.agent", l.getAgent(), ResetSettings::withAgentLinkLifetime);
    return with(
        s,
        "link-lifetime.account-setup",
        l.getAccountSetup(),
        ResetSettings::withAccountSetupLinkLifetime);
  }

  static Argon2PasswordHasher hasher(PasswordResetProperties.Hashing h) {
    Argon2PasswordHasher.Builder b = Argon2PasswordHasher.builder();
    set("hashing.memory-kib", h.getMemoryKib(), b::memoryKiB);
    set("hashing.iterations", h.getIterations(), b::iterations);
    set("hashing.parallelism", h.getParallelism(), b::parallelism);
    set("hashing.salt-length", h.getSaltLength(), b::saltLength);
    set("hashing.hash-length", h.getHashLength(), b::hashLength);
    set("hashing.max-concurrent-hashes", h.getMaxConcurrentHashes(), b::maxConcurrentHashes);
    return checked(
        Map.of(
            "memoryKiB", "hashing.memory-kib",
            "iterations", "hashing.iterations",
            "parallelism", "hashing.parallelism",
            "saltLength", "hashing.salt-length",
            "hashLength", "hashing.hash-length",
            "maxConcurrentHashes", "hashing.max-concurrent-hashes"),
        b::build);
  }

  /** The preset (core's default policy when unset), with each rule property that is set. */
  static RuleBasedPasswordPolicy policy(PasswordResetProperties.Policy p) {
    PasswordResetProperties.PolicyPreset preset = p.getPreset();
    RuleBasedPasswordPolicy.Builder b =
        (preset == PasswordResetProperties.PolicyPreset.NIST
                ? RuleBasedPasswordPolicy.nist()
                : RuleBasedPasswordPolicy.defaults())
            .toBuilder();
    set("policy.min-length", p.getMinLength(), b::minLength);
    set("policy.max-length", p.getMaxLength(), b::maxLength);
    set("policy.require-uppercase", p.getRequireUppercase(), b::requireUppercase);
    set("policy.require-lowercase", p.getRequireLowercase(), b::requireLowercase);
    set("policy.require-digit", p.getRequireDigit(), b::requireDigit);
    set("policy.require-special", p.getRequireSpecial(), b::requireSpecial);
    set("policy.forbid-email-local-part", p.getForbidEmailLocalPart(), b::forbidEmailLocalPart);
    set("policy.forbid-common-passwords", p.getForbidCommonPasswords(), b::forbidCommonPasswords);
    return checked(
        Map.of("minLength", "policy.min-length", "maxLength", "policy.max-length"), b::build);
  }

  /** Everything of the engine's builder that the properties cover, except the beans. */
  static void configure(PasswordResetEngine.Builder b, PasswordResetProperties p) {
    b.settings(settings(p));
    // No default and mandatory: always handed over, so that core judges a missing one too.
    String linkTemplate = Objects.requireNonNullElse(p.getLinkTemplate(), "");
    link("link-template", () -> b.linkTemplate(linkTemplate));
    p.getStorefronts()
        .forEach(
            (name, storefront) -> {
              String template = Objects.requireNonNullElse(storefront.getLinkTemplate(), "");
              link("storefronts." + name + ".link-template", () -> b.linkTemplate(name, template));
            });
    set("max-password-length", p.getMaxPasswordLength(), b::maxPasswordLength);
    set("settings-refresh-interval", p.getSettingsRefreshInterval(), b::settingsRefreshInterval);

    PasswordResetProperties.Throttle t = p.getThrottle();
    throttle(
        b::accountRequestLimit,
        "throttle.account-requests",
        t.getAccountRequests(),
        EngineDefaults.ACCOUNT_REQUEST_LIMIT);
    throttle(
        b::clientRequestLimit,
        "throttle.client-requests",
        t.getClientRequests(),
        EngineDefaults.CLIENT_REQUEST_LIMIT);
    throttle(
        b::clientBadTokenLimit,
        "throttle.client-bad-tokens",
        t.getClientBadTokens(),
        EngineDefaults.CLIENT_BAD_TOKEN_LIMIT);
    throttle(
        b::clientLoginLimit,
        "throttle.client-logins",
        t.getClientLogins(),
        EngineDefaults.CLIENT_LOGIN_LIMIT);

    set(
        "throttle.client-ipv6-prefix-length",
        t.getClientIpv6PrefixLength(),
        b::clientIpv6PrefixLength);
    LoginProtection protection = loginProtection(p.getLoginProtection());
    if (protection != null) {
      b.loginProtection(protection);
    }
    ResetCodes codes = resetCodes(p.getCode());
    if (codes != null) {
      b.resetCodes(codes);
    }
    String secret = p.getCode().getSecret();
    if (secret != null) {
      codeSecret(b, secret);
    }

    b.deliveryOptions(delivery(p.getDelivery()));
  }

  /**
   * The account protection: {@code null} when no part is set (the engine keeps its default), else
   * core's default with each part that is set.
   */
  static @Nullable LoginProtection loginProtection(PasswordResetProperties.LoginProtection l) {
    if (l.getFreeFailures() == null
        && l.getFirstDelay() == null
        && l.getMaxDelay() == null
        && l.getLockoutThreshold() == null) {
      return null;
    }
    LoginProtection d = EngineDefaults.LOGIN_PROTECTION;
    return checked(
        Map.of(
            "freeFailures", "login-protection.free-failures",
            "firstDelay", "login-protection.first-delay",
            "maxDelay", "login-protection.max-delay",
            "lockoutThreshold", "login-protection.lockout-threshold"),
        () ->
            new LoginProtection(
                Objects.requireNonNullElse(
                    l.getFreeFailures(),
                    Math.min(
                        d.freeFailures(),
                        Objects.requireNonNullElse(l.getLockoutThreshold(), d.lockoutThreshold()))),
                Objects.requireNonNullElse(l.getFirstDelay(), d.firstDelay()),
                Objects.requireNonNullElse(l.getMaxDelay(), d.maxDelay()),
                Objects.requireNonNullElse(l.getLockoutThreshold(), d.lockoutThreshold())));
  }

  /**
   * The reset codes: {@code null} when no part is set (the engine keeps its default), else core's
   * default with each part that is set.
   */
  static @Nullable ResetCodes resetCodes(PasswordResetProperties.Code c) {
    if (c.getLength() == null && c.getLifetime() == null && c.getMaxAttempts() == null) {
      return null;
    }
    ResetCodes d = EngineDefaults.RESET_CODES;
    return checked(
        Map.of(
            "length", "code.length",
            "lifetime", "code.lifetime",
            "maxAttempts", "code.max-attempts"),
        () ->
            new ResetCodes(
                Objects.requireNonNullElse(c.getLength(), d.length()),
                Objects.requireNonNullElse(c.getLifetime(), d.lifetime()),
                Objects.requireNonNullElse(c.getMaxAttempts(), d.maxAttempts())));
  }

  /**
   * Hands the UTF-8 bytes of {@code password-reset.code.secret} to the engine as the codes' HMAC
   * key, and clears them. A refusal is reported by the key's length only (core's report holds no
   * more); the value is never put in a message.
   */
  private static void codeSecret(PasswordResetEngine.Builder b, String secret) {
    String property = PREFIX + "code.secret";
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    try {
      b.resetCodeSecret(key);
    } catch (InvalidSettingException e) {
      report(
          new PasswordResetConfigurationException(
              property,
              e.requirement()
                  + " in UTF-8"
                  + (e.value() == null ? "" : ", was " + e.value())
                  + " (the secret itself is not shown)",
              "Change "
                  + property
                  + " to a random value of at least "
                  + EngineDefaults.RESET_CODE_SECRET_MIN_BYTES
                  + " bytes, the same on every node (e.g. the output of openssl rand -base64 32),"
                  + " or unset it to let the engine keep a random key in the settings store.",
              e));
    } catch (IllegalArgumentException | NullPointerException e) {
      // Not core's structured report: its message is not known to leave the secret out.
      report(
          new PasswordResetConfigurationException(
              property,
              "the secret was refused (" + e.getClass().getSimpleName() + ")",
              "Change "
                  + property
                  + " to a random value of at least "
                  + EngineDefaults.RESET_CODE_SECRET_MIN_BYTES
                  + " bytes.",
              null));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Core's delivery defaults, with each property that is set. */
  static DeliveryOptions delivery(PasswordResetProperties.Delivery d) {
    DeliveryOptions o = DeliveryOptions.defaults();
    o = with(o, "delivery.attempts", d.getAttempts(), DeliveryOptions::withAttempts);
    o = with(o, "delivery.capacity", d.getCapacity(), DeliveryOptions::withCapacity);
    o = with(o, "delivery.threads", d.getThreads(), DeliveryOptions::withThreads);
    o = with(o, "delivery.close-timeout", d.getCloseTimeout(), DeliveryOptions::withCloseTimeout);
    Duration initial = d.getInitialBackoff();
    Duration max = d.getMaxBackoff();
    if (initial == null && max == null) {
      return o;
    }
    DeliveryOptions base = o;
    DeliveryOptions withBackoff =
        checked(
            Map.of(
                "initialBackoff", "delivery.initial-backoff", "maxBackoff", "delivery.max-backoff"),
            () ->
                base.withBackoff(
                    initial == null ? base.initialBackoff() : initial,
                    max == null ? base.maxBackoff() : max));
    return withBackoff == null ? base : withBackoff;
  }

  /**
   * The limit of a throttle's properties: {@code null} when neither part is set (the engine keeps
   * its default), else the parts that are set over the engine's default.
   */
  static @Nullable ThrottleLimit limit(
      String property, PasswordResetProperties.Limit l, ThrottleLimit engineDefault) {
    Integer count = l.getCount();
    Duration window = l.getWindow();
    if (count == null && window == null) {
      return null;
    }
    return checked(
        Map.of("count", property + ".count", "window", property + ".window"),
        () ->
            ThrottleLimit.of(
                count == null ? engineDefault.count() : count,
                window == null ? engineDefault.window() : window));
  }

  /** Hands a throttle's limit to the engine when a part of it is set. */
  private static void throttle(
      Consumer<ThrottleLimit> setter,
      String property,
      PasswordResetProperties.Limit l,
      ThrottleLimit engineDefault) {
    ThrottleLimit limit = limit(property, l, engineDefault);
    if (limit != null) {
      setter.accept(limit);
    }
  }

  /**
   * The purge schedule's delay: core's {@link EngineDefaults#PURGE_INTERVAL} when unset, else the
   * property as {@link EngineDefaults#checkPurgeInterval} accepts it.
   */
  static Duration purgeInterval(PasswordResetProperties.Purge purge) {
    Duration fixedDelay = purge.getFixedDelay();
    if (fixedDelay == null) {
      return EngineDefaults.PURGE_INTERVAL;
    }
    Duration checkedDelay =
        checked("purge.fixed-delay", () -> EngineDefaults.checkPurgeInterval(fixedDelay));
    return checkedDelay == null ? EngineDefaults.PURGE_INTERVAL : checkedDelay;
  }

  /** Passes a property that is set to a builder's setter; one that is not set is not passed. */
  private static <T> void set(String property, @Nullable T value, Consumer<T> setter) {
    if (value != null) {
      checked(
          property,
          () -> {
            setter.accept(value);
            return value;
          });
    }
  }

  /** A copy of an immutable value with a property that is set; the value itself if not set. */
  private static <V, T> V with(
      V value, String property, @Nullable T setting, BiFunction<V, T, V> copy) {
    if (setting == null) {
      return value;
    }
    V copied = checked(property, () -> copy.apply(value, setting));
    return copied == null ? value : copied;
  }

  /** A link template's call, with the advice of what belongs there. */
  private static void link(String property, Runnable call) {
    try {
      call.run();
    } catch (IllegalArgumentException | NullPointerException e) {
      report(
          failure(
              PREFIX + property,
              e,
              "Set "
                  + PREFIX
                  + property
                  + " to the address of the storefront's reset page, holding {token} exactly once,"
                  + " e.g. "
                  + LINK_TEMPLATE_EXAMPLE
                  + "."));
    }
  }

  /**
   * Runs a core call for one property; whatever setting core names, that property is to blame.
   * Core's words about the allowed range are kept; a failure that is not an {@link
   * InvalidSettingException} (a library outside core) is reported with its message as it is.
   */
  static <T> T checked(String property, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      return report(failure(PREFIX + property, e, changeAdvice(PREFIX + property, e)));
    }
  }

  /**
   * Runs a core call that takes several properties; the rejected setting picks the property, by
   * {@code propertyBySetting} (core's setting name to the property's name without the prefix).
   */
  static <T> T checked(Map<String, String> propertyBySetting, Supplier<T> call) {
    try {
      return call.get();
    } catch (InvalidSettingException e) {
      String property = propertyBySetting.get(e.setting());
      if (property == null) {
        return report(
            new PasswordResetConfigurationException(
                null,
                "core rejected its setting " + e.getMessage(),
                "Change the password-reset.* property behind " + e.setting() + ".",
                e));
      }
      return report(failure(PREFIX + property, e, changeAdvice(PREFIX + property, e)));
    }
  }

  /** Core's structured report about the property, or another library's message as it is. */
  private static PasswordResetConfigurationException failure(
      String property, RuntimeException e, String action) {
    String problem;
    if (e instanceof InvalidSettingException invalid) {
      problem =
          invalid.value() == null
              ? "is not set; it " + invalid.requirement()
              : invalid.requirement() + ", was " + invalid.value();
    } else {
      problem =
          "is invalid: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return new PasswordResetConfigurationException(property, problem, action, e);
  }

  /**
   * What to do, in the words of core's requirement when core gave one ("must be between 1 minute
   * and 30 days", "must be an email address"), so the advice fits a range, an address or a URL.
   */
  static String changeAdvice(String property, RuntimeException e) {
    if (e instanceof InvalidSettingException invalid) {
      return (invalid.value() == null ? "Set " : "Change ")
          + property
          + ": it "
          + invalid.requirement()
          + (invalid.requirement().endsWith(".") ? "" : ".");
    }
    return "Change "
        + property
        + " to a valid value"
        + (e.getMessage() == null ? "." : " (" + e.getMessage() + ").");
  }
}
