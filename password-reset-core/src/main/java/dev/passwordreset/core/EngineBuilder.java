package dev.passwordreset.core;

import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEventListener;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.delivery.DeliveryOptions;
import dev.passwordreset.core.policy.RuleBasedPasswordPolicy;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The setters of {@link PasswordResetEngine.Builder}, kept apart from the engine so that the facade
 * stays short: each setter validates at once (a bad value throws {@link
 * dev.passwordreset.api.InvalidSettingException} naming the setting, the value and the allowed
 * range; a null throws {@link NullPointerException} naming the argument), and the defaults come
 * from {@link EngineDefaults}. Not thread-safe; build on one thread.
 */
abstract class EngineBuilder {
  @Nullable CustomerStore customerStore;
  @Nullable TicketStore ticketStore;
  @Nullable Notifier notifier;
  @Nullable PasswordHasher hasher;
  @Nullable PasswordPolicy policy;
  final List<LegacyPasswordVerifier> legacyVerifiers = new ArrayList<>();
  final List<ResetEventListener> listeners = new ArrayList<>();
  @Nullable HumanVerifier humanVerifier;
  @Nullable SettingsStore settingsStore;
  @Nullable ThrottleStore throttleStore;
  ResetSettings settings = ResetSettings.defaults();
  Duration settingsRefresh = EngineDefaults.SETTINGS_REFRESH_INTERVAL;
  Clock clock = Clock.systemUTC();
  @Nullable SecureRandom random;
  @Nullable String defaultLinkTemplate;
  final Map<String, String> linkTemplates = new LinkedHashMap<>();
  int maxPasswordLength = EngineDefaults.MAX_PASSWORD_LENGTH;
  ThrottleLimit accountRequestLimit = EngineDefaults.ACCOUNT_REQUEST_LIMIT;
  ThrottleLimit clientRequestLimit = EngineDefaults.CLIENT_REQUEST_LIMIT;
  ThrottleLimit clientBadTokenLimit = EngineDefaults.CLIENT_BAD_TOKEN_LIMIT;
  LoginProtection loginProtection = EngineDefaults.LOGIN_PROTECTION;
  int clientIpv6PrefixLength = EngineDefaults.CLIENT_IPV6_PREFIX_LENGTH;
  ThrottleLimit clientLoginLimit = EngineDefaults.CLIENT_LOGIN_LIMIT;
  DeliveryOptions delivery = DeliveryOptions.defaults();
  ResetCodes resetCodes = EngineDefaults.RESET_CODES;
  byte @Nullable [] resetCodeSecret;
  @Nullable Executor executor;

  /**
   * The host's customer table. Mandatory.
   *
   * @param store the store
   * @return this builder
   */
  public final PasswordResetEngine.Builder customerStore(CustomerStore store) {
    this.customerStore = Objects.requireNonNull(store, "customerStore must not be null");
    return self();
  }

  /**
   * Where links are kept. Mandatory.
   *
   * @param store the store
   * @return this builder
   */
  public final PasswordResetEngine.Builder ticketStore(TicketStore store) {
    this.ticketStore = Objects.requireNonNull(store, "ticketStore must not be null");
    return self();
  }

  /**
   * Delivers the emails. Mandatory.
   *
   * @param value the notifier
   * @return this builder
   */
  public final PasswordResetEngine.Builder notifier(Notifier value) {
    this.notifier = Objects.requireNonNull(value, "notifier must not be null");
    return self();
  }

  /**
   * The password policy; default {@link RuleBasedPasswordPolicy#defaults()}.
   *
   * @param value the policy
   * @return this builder
   */
  public final PasswordResetEngine.Builder passwordPolicy(PasswordPolicy value) {
    this.policy = Objects.requireNonNull(value, "passwordPolicy must not be null");
    return self();
  }

  /**
   * The hasher; default {@code new Argon2PasswordHasher()} (Argon2id, m=19456 KiB, t=2, p=1).
   *
   * @param value the hasher
   * @return this builder
   */
  public final PasswordResetEngine.Builder hasher(PasswordHasher value) {
    this.hasher = Objects.requireNonNull(value, "hasher must not be null");
    return self();
  }

  /**
   * Adds a verifier for a legacy hash format; a login with such a hash replaces it.
   *
   * @param value the verifier
   * @return this builder
   */
  public final PasswordResetEngine.Builder legacyVerifier(LegacyPasswordVerifier value) {
    legacyVerifiers.add(Objects.requireNonNull(value, "legacyVerifier must not be null"));
    return self();
  }

  /**
   * The clock for every expiry; default the system UTC clock.
   *
   * @param value the clock
   * @return this builder
   */
  public final PasswordResetEngine.Builder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock must not be null");
    return self();
  }

  /**
   * Adds a listener to the activity feed; may be called several times.
   *
   * @param value the listener
   * @return this builder
   */
  public final PasswordResetEngine.Builder listener(ResetEventListener value) {
    listeners.add(Objects.requireNonNull(value, "listener must not be null"));
    return self();
  }

  /**
   * A captcha check for storefront requests; default none.
   *
   * @param value the verifier
   * @return this builder
   */
  public final PasswordResetEngine.Builder humanVerifier(HumanVerifier value) {
    this.humanVerifier = Objects.requireNonNull(value, "humanVerifier must not be null");
    return self();
  }

  /**
   * The initial settings, used until an administrator saves others; default {@link
   * ResetSettings#defaults()}.
   *
   * @param value the settings
   * @return this builder
   */
  public final PasswordResetEngine.Builder settings(ResetSettings value) {
    this.settings = Objects.requireNonNull(value, "settings must not be null");
    return self();
  }

  /**
   * Where saved settings live; default in memory (lost on restart, not shared).
   *
   * @param value the store
   * @return this builder
   */
  public final PasswordResetEngine.Builder settingsStore(SettingsStore value) {
    this.settingsStore = Objects.requireNonNull(value, "settingsStore must not be null");
    return self();
  }

  /**
   * How often the settings are reloaded from the settings store, which bounds how long another
   * node's change takes to reach self-service requests here (agent actions read the store afresh:
   * see {@code PasswordResetService#updateSettings}); default {@link
   * EngineDefaults#SETTINGS_REFRESH_INTERVAL}, zero to {@link
   * EngineDefaults#SETTINGS_REFRESH_INTERVAL_MAX}.
   *
   * @param value the interval
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public final PasswordResetEngine.Builder settingsRefreshInterval(Duration value) {
    this.settingsRefresh = EngineDefaults.checkSettingsRefreshInterval(value);
    return self();
  }

  /**
   * Where throttle counters live; default in memory (per node).
   *
   * @param value the store
   * @return this builder
   */
  public final PasswordResetEngine.Builder throttleStore(ThrottleStore value) {
    this.throttleStore = Objects.requireNonNull(value, "throttleStore must not be null");
    return self();
  }

  /**
   * The default storefront's link: an absolute https URL (http only for localhost) with {@code
   * {token}} exactly once. Mandatory.
   *
   * @param template e.g. {@code https://shop.example/password/reset?token={token}}
   * @return this builder
   * @throws IllegalArgumentException if the template is not such a URL
   */
  public final PasswordResetEngine.Builder linkTemplate(String template) {
    this.defaultLinkTemplate = LinkTemplates.validate(template, "linkTemplate");
    return self();
  }

  /**
   * Another storefront's link; requests naming the storefront get links to it.
   *
   * @param storefront the storefront's name, as in {@link RequestContext#storefront()}
   * @param template the link template, as for {@link #linkTemplate(String)}
   * @return this builder
   * @throws IllegalArgumentException if the name is blank or the template not valid
   */
  public final PasswordResetEngine.Builder linkTemplate(String storefront, String template) {
    Objects.requireNonNull(storefront, "storefront must not be null");
    if (storefront.isBlank()) {
      throw new IllegalArgumentException("storefront must not be blank");
    }
    linkTemplates.put(
        storefront, LinkTemplates.validate(template, "linkTemplate for '" + storefront + "'"));
    return self();
  }

  /**
   * The longest password accepted, in code points, before anything is hashed; default {@value
   * EngineDefaults#MAX_PASSWORD_LENGTH}, {@value EngineDefaults#MAX_PASSWORD_LENGTH_MIN} to {@value
   * EngineDefaults#MAX_PASSWORD_LENGTH_MAX}.
   *
   * @param value the bound
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public final PasswordResetEngine.Builder maxPasswordLength(int value) {
    this.maxPasswordLength = EngineDefaults.checkMaxPasswordLength(value);
    return self();
  }

  /**
   * How reset codes look and how long they last; default {@link EngineDefaults#RESET_CODES} (8
   * digits, 15 minutes, 5 wrong tries).
   *
   * @param value the configuration
   * @return this builder
   */
  public final PasswordResetEngine.Builder resetCodes(ResetCodes value) {
    this.resetCodes = Objects.requireNonNull(value, "resetCodes must not be null");
    return self();
  }

  /**
   * The key of the HMAC that reset codes are stored under, so that a copy of the ticket table does
   * not reveal them. Every node must have the same key. Without it the engine makes a random key
   * the first time it needs one and keeps it in the settings store (name {@value
   * EngineDefaults#RESET_CODE_SECRET_NAME}), which every node then reads; that needs a store that
   * keeps secrets ({@link dev.passwordreset.api.SettingsStore#secret}), as core's in-memory one
   * (one node only) and the JDBC one do. The array is copied; the caller may clear it.
   *
   * @param key the key; {@value EngineDefaults#RESET_CODE_SECRET_MIN_BYTES} to 1024 bytes of secret
   *     randomness
   * @return this builder
   * @throws dev.passwordreset.api.InvalidSettingException (setting {@code resetCodeSecret}) if its
   *     length is out of range
   * @throws NullPointerException if it is null
   */
  public final PasswordResetEngine.Builder resetCodeSecret(byte[] key) {
    this.resetCodeSecret = EngineDefaults.checkResetCodeSecret(key);
    return self();
  }

  /**
   * Self-service emails per account (silent); default {@link EngineDefaults#ACCOUNT_REQUEST_LIMIT}.
   *
   * @param value the limit
   * @return this builder
   */
  public final PasswordResetEngine.Builder accountRequestLimit(ThrottleLimit value) {
    this.accountRequestLimit =
        Objects.requireNonNull(value, "accountRequestLimit must not be null");
    return self();
  }

  /**
   * Self-service requests per client address (reported); default {@link
   * EngineDefaults#CLIENT_REQUEST_LIMIT}.
   *
   * @param value the limit
   * @return this builder
   */
  public final PasswordResetEngine.Builder clientRequestLimit(ThrottleLimit value) {
    this.clientRequestLimit = Objects.requireNonNull(value, "clientRequestLimit must not be null");
    return self();
  }

  /**
   * Unknown or malformed links per client address; default {@link
   * EngineDefaults#CLIENT_BAD_TOKEN_LIMIT}.
   *
   * @param value the limit
   * @return this builder
   */
  public final PasswordResetEngine.Builder clientBadTokenLimit(ThrottleLimit value) {
    this.clientBadTokenLimit =
        Objects.requireNonNull(value, "clientBadTokenLimit must not be null");
    return self();
  }

  /**
   * How each account is protected from password guessing: consecutive failed logins (cleared only
   * by a successful login or a completed reset), growing waits, and a lockout at NIST's 100;
   * default {@link EngineDefaults#LOGIN_PROTECTION}. This replaces the per-account windowed login
   * limit.
   *
   * @param value the protection
   * @return this builder
   */
  public final PasswordResetEngine.Builder loginProtection(LoginProtection value) {
    this.loginProtection = Objects.requireNonNull(value, "loginProtection must not be null");
    return self();
  }

  /**
   * How many leading bits of an IPv6 client address make one client for every per-client limit;
   * default {@value EngineDefaults#CLIENT_IPV6_PREFIX_LENGTH} (a /64 is one host), {@value
   * EngineDefaults#CLIENT_IPV6_PREFIX_LENGTH_MIN} to {@value
   * EngineDefaults#CLIENT_IPV6_PREFIX_LENGTH_MAX}. IPv4 addresses (also IPv4-mapped IPv6 ones) are
   * one client each.
   *
   * @param value the prefix length
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public final PasswordResetEngine.Builder clientIpv6PrefixLength(int value) {
    this.clientIpv6PrefixLength = EngineDefaults.checkIpv6PrefixLength(value);
    return self();
  }

  /**
   * Failed logins per client address; default {@link EngineDefaults#CLIENT_LOGIN_LIMIT}.
   *
   * @param value the limit
   * @return this builder
   */
  public final PasswordResetEngine.Builder clientLoginLimit(ThrottleLimit value) {
    this.clientLoginLimit = Objects.requireNonNull(value, "clientLoginLimit must not be null");
    return self();
  }

  /**
   * How self-service mail is queued and retried; default {@link DeliveryOptions#defaults()}.
   *
   * @param value the options
   * @return this builder
   */
  public final PasswordResetEngine.Builder deliveryOptions(DeliveryOptions value) {
    this.delivery = Objects.requireNonNull(value, "deliveryOptions must not be null");
    return self();
  }

  /**
   * How many times a self-service email is tried in all; default 5.
   *
   * @param value 1 to 20
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public final PasswordResetEngine.Builder deliveryAttempts(int value) {
    this.delivery = delivery.withAttempts(value);
    return self();
  }

  /**
   * The back-off between self-service delivery attempts; default 2 s doubling up to 5 min.
   *
   * @param initial the first wait
   * @param max the longest wait
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public final PasswordResetEngine.Builder deliveryBackoff(Duration initial, Duration max) {
    this.delivery = delivery.withBackoff(initial, max);
    return self();
  }

  /**
   * Runs self-service work and mail on the host's executor instead of the engine's own threads. The
   * engine does not shut it down.
   *
   * @param value the executor
   * @return this builder
   */
  public final PasswordResetEngine.Builder notificationExecutor(Executor value) {
    this.executor = Objects.requireNonNull(value, "notificationExecutor must not be null");
    return self();
  }

  /**
   * The source of token randomness; default a new {@link SecureRandom}.
   *
   * @param value the source
   * @return this builder
   */
  public final PasswordResetEngine.Builder secureRandom(SecureRandom value) {
    this.random = Objects.requireNonNull(value, "secureRandom must not be null");
    return self();
  }

  EngineBuilder() {}

  private PasswordResetEngine.Builder self() {
    return (PasswordResetEngine.Builder) this;
  }

  /** Names every missing mandatory part, or returns normally. */
  final void requireMandatoryParts() {
    List<String> missing = new ArrayList<>();
    if (customerStore == null) {
      missing.add("customerStore");
    }
    if (ticketStore == null) {
      missing.add("ticketStore");
    }
    if (notifier == null) {
      missing.add("notifier");
    }
    if (defaultLinkTemplate == null) {
      missing.add("linkTemplate");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "PasswordResetEngine needs " + String.join(", ", missing) + " before build()");
    }
  }
}
