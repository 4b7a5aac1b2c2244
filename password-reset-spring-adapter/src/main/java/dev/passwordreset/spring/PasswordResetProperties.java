package dev.passwordreset.spring;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code password-reset.*} properties. They only feed the core engine's builder; the engine
 * validates every value, and a bad one stops start-up with a message naming the property and its
 * allowed range.
 *
 * <p>Durations accept Spring Boot's forms ({@code 90m}, {@code 2h}, {@code PT15M}); a plain number
 * means minutes where this class says so (the platform's settings screen speaks minutes), else
 * seconds.
 *
 * <p>Not thread-safe while being bound; read-only afterwards.
 */
@ConfigurationProperties("password-reset")
public class PasswordResetProperties {

  /** Whether the whole password-reset auto-configuration is on. */
  private boolean enabled = true;

  /**
   * Initial value of the setting "Allow Manual Entry": whether agents may type a password for a
   * customer. An administrator's saved settings take precedence.
   */
  private boolean allowManualEntry = false;

  /**
   * Initial value of the setting "Password Ticket Expiration Delay": how long a temporary password
   * typed by an agent works. Plain numbers are minutes. From 1 minute to 30 days.
   */
  @DurationUnit(ChronoUnit.MINUTES)
  private Duration ticketExpirationDelay = Duration.ofMinutes(60);

  /**
   * Initial value of the setting "sign in after reset": whether a completed reset tells the host to
   * sign the customer in.
   */
  private boolean signInAfterReset = true;

  /**
   * The default storefront's reset page: an absolute https URL (plain http only for localhost)
   * holding {token} exactly once, e.g. https://shop.example/password/reset?token={token}. Required.
   */
  private @Nullable String linkTemplate;

  /**
   * Further storefronts by name (as in RequestContext.storefront), each with its own
   * "link-template"; a request naming the storefront gets links back to it.
   */
  private Map<String, Storefront> storefronts = new LinkedHashMap<>();

  /** The longest password accepted, in code points, before anything is hashed. From 16 to 4096. */
  private int maxPasswordLength = 128;

  /**
   * How often the settings are re-read from the settings store, which bounds how long another
   * node's saved change takes to arrive. Plain numbers are seconds. From 0 to 10 minutes.
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration settingsRefreshInterval = Duration.ofSeconds(5);

  private final LinkLifetime linkLifetime = new LinkLifetime();

  private final Throttle throttle = new Throttle();

  private final Policy policy = new Policy();

  private final Hashing hashing = new Hashing();

  private final Mail mail = new Mail();

  private final Delivery delivery = new Delivery();

  private final Session session = new Session();

  private final Purge purge = new Purge();

  private final Web web = new Web();

  private final Jdbc jdbc = new Jdbc();

  /**
   * Whether the auto-configuration is on.
   *
   * @return the value
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether the auto-configuration is on.
   *
   * @param enabled the value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Initial "Allow Manual Entry".
   *
   * @return the value
   */
  public boolean isAllowManualEntry() {
    return allowManualEntry;
  }

  /**
   * Sets the initial "Allow Manual Entry".
   *
   * @param allowManualEntry the value
   */
  public void setAllowManualEntry(boolean allowManualEntry) {
    this.allowManualEntry = allowManualEntry;
  }

  /**
   * Initial "Password Ticket Expiration Delay".
   *
   * @return the value
   */
  public Duration getTicketExpirationDelay() {
    return ticketExpirationDelay;
  }

  /**
   * Sets the initial "Password Ticket Expiration Delay".
   *
   * @param ticketExpirationDelay the value
   */
  public void setTicketExpirationDelay(Duration ticketExpirationDelay) {
    this.ticketExpirationDelay = ticketExpirationDelay;
  }

  /**
   * Initial "sign in after reset".
   *
   * @return the value
   */
  public boolean isSignInAfterReset() {
    return signInAfterReset;
  }

  /**
   * Sets the initial "sign in after reset".
   *
   * @param signInAfterReset the value
   */
  public void setSignInAfterReset(boolean signInAfterReset) {
    this.signInAfterReset = signInAfterReset;
  }

  /**
   * The default storefront's link template.
   *
   * @return the template, or {@code null} if not set
   */
  public @Nullable String getLinkTemplate() {
    return linkTemplate;
  }

  /**
   * Sets the default storefront's link template.
   *
   * @param linkTemplate the template
   */
  public void setLinkTemplate(@Nullable String linkTemplate) {
    this.linkTemplate = linkTemplate;
  }

  /**
   * Further storefronts by name.
   *
   * @return the live map
   */
  public Map<String, Storefront> getStorefronts() {
    return storefronts;
  }

  /**
   * Sets the further storefronts.
   *
   * @param storefronts the storefronts by name
   */
  public void setStorefronts(Map<String, Storefront> storefronts) {
    this.storefronts = storefronts;
  }

  /**
   * The longest password accepted.
   *
   * @return code points
   */
  public int getMaxPasswordLength() {
    return maxPasswordLength;
  }

  /**
   * Sets the longest password accepted.
   *
   * @param maxPasswordLength code points
   */
  public void setMaxPasswordLength(int maxPasswordLength) {
    this.maxPasswordLength = maxPasswordLength;
  }

  /**
   * How often the settings are re-read.
   *
   * @return the interval
   */
  public Duration getSettingsRefreshInterval() {
    return settingsRefreshInterval;
  }

  /**
   * Sets how often the settings are re-read.
   *
   * @param settingsRefreshInterval the interval
   */
  public void setSettingsRefreshInterval(Duration settingsRefreshInterval) {
    this.settingsRefreshInterval = settingsRefreshInterval;
  }

  /**
   * Link lifetimes per purpose.
   *
   * @return the group
   */
  public LinkLifetime getLinkLifetime() {
    return linkLifetime;
  }

  /**
   * Throttle limits.
   *
   * @return the group
   */
  public Throttle getThrottle() {
    return throttle;
  }

  /**
   * Password policy.
   *
   * @return the group
   */
  public Policy getPolicy() {
    return policy;
  }

  /**
   * Argon2id hashing.
   *
   * @return the group
   */
  public Hashing getHashing() {
    return hashing;
  }

  /**
   * Email.
   *
   * @return the group
   */
  public Mail getMail() {
    return mail;
  }

  /**
   * Self-service mail delivery.
   *
   * @return the group
   */
  public Delivery getDelivery() {
    return delivery;
  }

  /**
   * Spring Session integration.
   *
   * @return the group
   */
  public Session getSession() {
    return session;
  }

  /**
   * Scheduled purge.
   *
   * @return the group
   */
  public Purge getPurge() {
    return purge;
  }

  /**
   * Web endpoints.
   *
   * @return the group
   */
  public Web getWeb() {
    return web;
  }

  /**
   * JDBC stores.
   *
   * @return the group
   */
  public Jdbc getJdbc() {
    return jdbc;
  }

  /** One further storefront. */
  public static class Storefront {

    /**
     * The storefront's reset page, as for password-reset.link-template: an absolute https URL
     * holding {token} exactly once.
     */
    private @Nullable String linkTemplate;

    /** Creates an empty storefront entry (for binding). */
    public Storefront() {}

    /**
     * The storefront's link template.
     *
     * @return the template, or {@code null} if not set
     */
    public @Nullable String getLinkTemplate() {
      return linkTemplate;
    }

    /**
     * Sets the storefront's link template.
     *
     * @param linkTemplate the template
     */
    public void setLinkTemplate(@Nullable String linkTemplate) {
      this.linkTemplate = linkTemplate;
    }
  }

  /** Initial link lifetimes per purpose; an administrator's saved settings take precedence. */
  public static class LinkLifetime {

    /**
     * Lifetime of a storefront reset link and of a set-then-confirm link. Plain numbers are
     * minutes. From 1 minute to 30 days.
     */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration selfService = Duration.ofMinutes(30);

    /**
     * Lifetime of an agent-triggered reset link and of a reminder's link. Plain numbers are
     * minutes. From 1 minute to 30 days.
     */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration agent = Duration.ofHours(24);

    /** Lifetime of an account-setup link. Plain numbers are minutes. From 1 minute to 30 days. */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration accountSetup = Duration.ofHours(72);

    /** Creates the defaults. */
    public LinkLifetime() {}

    /**
     * Self-service link lifetime.
     *
     * @return the lifetime
     */
    public Duration getSelfService() {
      return selfService;
    }

    /**
     * Sets the self-service link lifetime.
     *
     * @param selfService the lifetime
     */
    public void setSelfService(Duration selfService) {
      this.selfService = selfService;
    }

    /**
     * Agent link lifetime.
     *
     * @return the lifetime
     */
    public Duration getAgent() {
      return agent;
    }

    /**
     * Sets the agent link lifetime.
     *
     * @param agent the lifetime
     */
    public void setAgent(Duration agent) {
      this.agent = agent;
    }

    /**
     * Account-setup link lifetime.
     *
     * @return the lifetime
     */
    public Duration getAccountSetup() {
      return accountSetup;
    }

    /**
     * Sets the account-setup link lifetime.
     *
     * @param accountSetup the lifetime
     */
    public void setAccountSetup(Duration accountSetup) {
      this.accountSetup = accountSetup;
    }
  }

  /** The throttles: at most "count" events per "window" each. */
  public static class Throttle {

    /**
     * Self-service emails per account (silent: the answer does not change). Default 3 per 15
     * minutes.
     */
    private final Limit accountRequests = new Limit(3, Duration.ofMinutes(15));

    /** Self-service requests per client address (answered 429). Default 10 per minute. */
    private final Limit clientRequests = new Limit(10, Duration.ofMinutes(1));

    /** Unknown or malformed links per client address. Default 10 per 15 minutes. */
    private final Limit clientBadTokens = new Limit(10, Duration.ofMinutes(15));

    /** Failed logins per account (by email, known or not). Default 10 per 15 minutes. */
    private final Limit accountLogins = new Limit(10, Duration.ofMinutes(15));

    /** Failed logins per client address. Default 100 per 15 minutes. */
    private final Limit clientLogins = new Limit(100, Duration.ofMinutes(15));

    /** Creates the defaults. */
    public Throttle() {}

    /**
     * Self-service emails per account.
     *
     * @return the limit
     */
    public Limit getAccountRequests() {
      return accountRequests;
    }

    /**
     * Self-service requests per client address.
     *
     * @return the limit
     */
    public Limit getClientRequests() {
      return clientRequests;
    }

    /**
     * Bad links per client address.
     *
     * @return the limit
     */
    public Limit getClientBadTokens() {
      return clientBadTokens;
    }

    /**
     * Failed logins per account.
     *
     * @return the limit
     */
    public Limit getAccountLogins() {
      return accountLogins;
    }

    /**
     * Failed logins per client address.
     *
     * @return the limit
     */
    public Limit getClientLogins() {
      return clientLogins;
    }
  }

  /** One throttle limit. */
  public static class Limit {

    /** How many events a window allows. At least 1. */
    private int count;

    /** The window's length. Plain numbers are minutes. From 1 second to 1 day. */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration window;

    /** Creates a limit of 1 per minute (for binding). */
    public Limit() {
      this(1, Duration.ofMinutes(1));
    }

    /**
     * Creates a limit.
     *
     * @param count events per window
     * @param window the window
     */
    public Limit(int count, Duration window) {
      this.count = count;
      this.window = window;
    }

    /**
     * Events per window.
     *
     * @return the count
     */
    public int getCount() {
      return count;
    }

    /**
     * Sets the events per window.
     *
     * @param count the count
     */
    public void setCount(int count) {
      this.count = count;
    }

    /**
     * The window.
     *
     * @return the window
     */
    public Duration getWindow() {
      return window;
    }

    /**
     * Sets the window.
     *
     * @param window the window
     */
    public void setWindow(Duration window) {
      this.window = window;
    }
  }

  /** The two policy presets. */
  public enum PolicyPreset {
    /**
     * The platform defaults: length 8 to 128, a capital letter, a digit and a special character,
     * not the email's local part, not a common password.
     */
    DEFAULT,
    /**
     * NIST SP 800-63B / OWASP ASVS: length 12 to 128, not the email's local part, not a common
     * password, no composition rules.
     */
    NIST
  }

  /** The password policy: a preset, and any rule changed from it. */
  public static class Policy {

    /**
     * The preset the rules start from: "default" (composition rules, as on the platforms this
     * library replaces) or "nist" (NIST SP 800-63B: longer, no composition rules).
     */
    private PolicyPreset preset = PolicyPreset.DEFAULT;

    /** Smallest accepted length in code points, 1 to 1024. Unset: the preset's (8 or 12). */
    private @Nullable Integer minLength;

    /** Largest accepted length in code points, 1 to 1024. Unset: the preset's (128). */
    private @Nullable Integer maxLength;

    /** Whether a capital letter is required. Unset: the preset's (default yes, nist no). */
    private @Nullable Boolean requireUppercase;

    /** Whether a lower-case letter is required. Unset: the preset's (no). */
    private @Nullable Boolean requireLowercase;

    /** Whether a digit is required. Unset: the preset's (default yes, nist no). */
    private @Nullable Boolean requireDigit;

    /**
     * Whether a special character (neither letter nor digit) is required. Unset: the preset's
     * (default yes, nist no).
     */
    private @Nullable Boolean requireSpecial;

    /** Whether the email's local part is forbidden in the password. Unset: the preset's (yes). */
    private @Nullable Boolean forbidEmailLocalPart;

    /**
     * Whether common passwords (list shipped in the jar) are refused. Unset: the preset's (yes).
     */
    private @Nullable Boolean forbidCommonPasswords;

    /** Creates the defaults. */
    public Policy() {}

    /**
     * The preset.
     *
     * @return the preset
     */
    public PolicyPreset getPreset() {
      return preset;
    }

    /**
     * Sets the preset.
     *
     * @param preset the preset
     */
    public void setPreset(PolicyPreset preset) {
      this.preset = preset;
    }

    /**
     * Smallest length, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Integer getMinLength() {
      return minLength;
    }

    /**
     * Sets the smallest length.
     *
     * @param minLength the value, or {@code null} for the preset's
     */
    public void setMinLength(@Nullable Integer minLength) {
      this.minLength = minLength;
    }

    /**
     * Largest length, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Integer getMaxLength() {
      return maxLength;
    }

    /**
     * Sets the largest length.
     *
     * @param maxLength the value, or {@code null} for the preset's
     */
    public void setMaxLength(@Nullable Integer maxLength) {
      this.maxLength = maxLength;
    }

    /**
     * Capital letter rule, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Boolean getRequireUppercase() {
      return requireUppercase;
    }

    /**
     * Sets the capital letter rule.
     *
     * @param requireUppercase the value, or {@code null} for the preset's
     */
    public void setRequireUppercase(@Nullable Boolean requireUppercase) {
      this.requireUppercase = requireUppercase;
    }

    /**
     * Lower-case letter rule, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Boolean getRequireLowercase() {
      return requireLowercase;
    }

    /**
     * Sets the lower-case letter rule.
     *
     * @param requireLowercase the value, or {@code null} for the preset's
     */
    public void setRequireLowercase(@Nullable Boolean requireLowercase) {
      this.requireLowercase = requireLowercase;
    }

    /**
     * Digit rule, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Boolean getRequireDigit() {
      return requireDigit;
    }

    /**
     * Sets the digit rule.
     *
     * @param requireDigit the value, or {@code null} for the preset's
     */
    public void setRequireDigit(@Nullable Boolean requireDigit) {
      this.requireDigit = requireDigit;
    }

    /**
     * Special character rule, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Boolean getRequireSpecial() {
      return requireSpecial;
    }

    /**
     * Sets the special character rule.
     *
     * @param requireSpecial the value, or {@code null} for the preset's
     */
    public void setRequireSpecial(@Nullable Boolean requireSpecial) {
      this.requireSpecial = requireSpecial;
    }

    /**
     * Email local part rule, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Boolean getForbidEmailLocalPart() {
      return forbidEmailLocalPart;
    }

    /**
     * Sets the email local part rule.
     *
     * @param forbidEmailLocalPart the value, or {@code null} for the preset's
     */
    public void setForbidEmailLocalPart(@Nullable Boolean forbidEmailLocalPart) {
      this.forbidEmailLocalPart = forbidEmailLocalPart;
    }

    /**
     * Common password rule, or {@code null} for the preset's.
     *
     * @return the value
     */
    public @Nullable Boolean getForbidCommonPasswords() {
      return forbidCommonPasswords;
    }

    /**
     * Sets the common password rule.
     *
     * @param forbidCommonPasswords the value, or {@code null} for the preset's
     */
    public void setForbidCommonPasswords(@Nullable Boolean forbidCommonPasswords) {
      this.forbidCommonPasswords = forbidCommonPasswords;
    }
  }

  /** Argon2id parameters of new hashes (stored hashes keep theirs and are upgraded at login). */
  public static class Hashing {

    /** Memory cost m in KiB, 8 to 4194304, and at least 8 x parallelism. */
    private int memoryKib = 19_456;

    /** Number of passes t, 1 to 100. */
    private int iterations = 2;

    /** Number of lanes p, 1 to 64. */
    private int parallelism = 1;

    /** Length of the random salt in bytes, 16 to 1024. */
    private int saltLength = 16;

    /** Length of the hash in bytes, 16 to 1024. */
    private int hashLength = 32;

    /**
     * How many hashes or verifications may run at once (memory stays below memory-kib times this),
     * 1 to 65536. Unset: the number of available processors.
     */
    private @Nullable Integer maxConcurrentHashes;

    /** Creates the defaults. */
    public Hashing() {}

    /**
     * Memory cost in KiB.
     *
     * @return the value
     */
    public int getMemoryKib() {
      return memoryKib;
    }

    /**
     * Sets the memory cost in KiB.
     *
     * @param memoryKib the value
     */
    public void setMemoryKib(int memoryKib) {
      this.memoryKib = memoryKib;
    }

    /**
     * Passes.
     *
     * @return the value
     */
    public int getIterations() {
      return iterations;
    }

    /**
     * Sets the passes.
     *
     * @param iterations the value
     */
    public void setIterations(int iterations) {
      this.iterations = iterations;
    }

    /**
     * Lanes.
     *
     * @return the value
     */
    public int getParallelism() {
      return parallelism;
    }

    /**
     * Sets the lanes.
     *
     * @param parallelism the value
     */
    public void setParallelism(int parallelism) {
      this.parallelism = parallelism;
    }

    /**
     * Salt length in bytes.
     *
     * @return the value
     */
    public int getSaltLength() {
      return saltLength;
    }

    /**
     * Sets the salt length in bytes.
     *
     * @param saltLength the value
     */
    public void setSaltLength(int saltLength) {
      this.saltLength = saltLength;
    }

    /**
     * Hash length in bytes.
     *
     * @return the value
     */
    public int getHashLength() {
      return hashLength;
    }

    /**
     * Sets the hash length in bytes.
     *
     * @param hashLength the value
     */
    public void setHashLength(int hashLength) {
      this.hashLength = hashLength;
    }

    /**
     * Concurrent hashes, or {@code null} for the number of processors.
     *
     * @return the value
     */
    public @Nullable Integer getMaxConcurrentHashes() {
      return maxConcurrentHashes;
    }

    /**
     * Sets the concurrent hashes.
     *
     * @param maxConcurrentHashes the value, or {@code null} for the number of processors
     */
    public void setMaxConcurrentHashes(@Nullable Integer maxConcurrentHashes) {
      this.maxConcurrentHashes = maxConcurrentHashes;
    }
  }

  /** The emails. */
  public static class Mail {

    /**
     * Whether emails are sent. When off, a logging notifier (which never logs a link) takes their
     * place and start-up warns: for development only.
     */
    private boolean enabled = true;

    /**
     * The From address, a plain address such as no-reply@shop.example. Required when emails are
     * sent through Spring's JavaMailSender.
     */
    private @Nullable String from;

    /** The name shown beside the From address, e.g. "Example Shop". Unset: none. */
    private @Nullable String fromName;

    /** The Reply-To address, e.g. your customer service's. Unset: none. */
    private @Nullable String replyTo;

    /** The time zone the emails show link expiry times in, e.g. "Europe/Paris". */
    private ZoneId timeZone = ZoneOffset.UTC;

    /**
     * The class-path folder where your own templates override the built-in ones, file by file (e.g.
     * reset-link.html, reset-link_fr.subject.txt).
     */
    private String templateLocation = "password-reset/mail";

    /**
     * Values your templates can use as {{name}}, e.g. password-reset.mail.variables.shop=Example
     * Shop.
     */
    private Map<String, String> variables = new LinkedHashMap<>();

    /** Creates the defaults. */
    public Mail() {}

    /**
     * Whether emails are sent.
     *
     * @return the value
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether emails are sent.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The From address.
     *
     * @return the address, or {@code null} if not set
     */
    public @Nullable String getFrom() {
      return from;
    }

    /**
     * Sets the From address.
     *
     * @param from the address
     */
    public void setFrom(@Nullable String from) {
      this.from = from;
    }

    /**
     * The name shown beside the From address.
     *
     * @return the name, or {@code null} if none
     */
    public @Nullable String getFromName() {
      return fromName;
    }

    /**
     * Sets the name shown beside the From address.
     *
     * @param fromName the name, or {@code null} for none
     */
    public void setFromName(@Nullable String fromName) {
      this.fromName = fromName;
    }

    /**
     * The host's template folder.
     *
     * @return the class-path folder
     */
    public String getTemplateLocation() {
      return templateLocation;
    }

    /**
     * Sets the host's template folder.
     *
     * @param templateLocation the class-path folder
     */
    public void setTemplateLocation(String templateLocation) {
      this.templateLocation = templateLocation;
    }

    /**
     * The templates' extra values.
     *
     * @return the live map
     */
    public Map<String, String> getVariables() {
      return variables;
    }

    /**
     * Sets the templates' extra values.
     *
     * @param variables the values by name
     */
    public void setVariables(Map<String, String> variables) {
      this.variables = variables;
    }

    /**
     * The Reply-To address.
     *
     * @return the address, or {@code null} if none
     */
    public @Nullable String getReplyTo() {
      return replyTo;
    }

    /**
     * Sets the Reply-To address.
     *
     * @param replyTo the address, or {@code null} for none
     */
    public void setReplyTo(@Nullable String replyTo) {
      this.replyTo = replyTo;
    }

    /**
     * The emails' time zone.
     *
     * @return the zone
     */
    public ZoneId getTimeZone() {
      return timeZone;
    }

    /**
     * Sets the emails' time zone.
     *
     * @param timeZone the zone
     */
    public void setTimeZone(ZoneId timeZone) {
      this.timeZone = timeZone;
    }
  }

  /** How self-service mail is queued and retried, off the caller's thread. */
  public static class Delivery {

    /** How many times a transiently failing email is tried in all (1 = no retry), 1 to 20. */
    private int attempts = 5;

    /**
     * The wait before the second attempt, doubled before each next one. Plain numbers are seconds.
     * From 1 ms to 1 hour.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration initialBackoff = Duration.ofSeconds(2);

    /**
     * The longest wait between attempts. Plain numbers are seconds. From initial-backoff to 1 day.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration maxBackoff = Duration.ofMinutes(5);

    /** How many emails may wait at once; beyond it new ones are dropped and reported. */
    private int capacity = 10_000;

    /** Threads of the engine's own delivery executor, 1 to 64. */
    private int threads = 2;

    /**
     * How long shutting down waits for queued mail. Plain numbers are seconds. From 0 to 10
     * minutes.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration closeTimeout = Duration.ofSeconds(10);

    /** Creates the defaults. */
    public Delivery() {}

    /**
     * Attempts in all.
     *
     * @return the value
     */
    public int getAttempts() {
      return attempts;
    }

    /**
     * Sets the attempts in all.
     *
     * @param attempts the value
     */
    public void setAttempts(int attempts) {
      this.attempts = attempts;
    }

    /**
     * First back-off.
     *
     * @return the value
     */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets the first back-off.
     *
     * @param initialBackoff the value
     */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /**
     * Longest back-off.
     *
     * @return the value
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets the longest back-off.
     *
     * @param maxBackoff the value
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /**
     * Queue capacity.
     *
     * @return the value
     */
    public int getCapacity() {
      return capacity;
    }

    /**
     * Sets the queue capacity.
     *
     * @param capacity the value
     */
    public void setCapacity(int capacity) {
      this.capacity = capacity;
    }

    /**
     * Delivery threads.
     *
     * @return the value
     */
    public int getThreads() {
      return threads;
    }

    /**
     * Sets the delivery threads.
     *
     * @param threads the value
     */
    public void setThreads(int threads) {
      this.threads = threads;
    }

    /**
     * Shutdown wait.
     *
     * @return the value
     */
    public Duration getCloseTimeout() {
      return closeTimeout;
    }

    /**
     * Sets the shutdown wait.
     *
     * @param closeTimeout the value
     */
    public void setCloseTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
    }
  }

  /** Spring Session integration. */
  public static class Session {

    /**
     * Whether a customer's sessions are ended (through Spring Session's
     * FindByIndexNameSessionRepository, when there is one) after a completed reset, a manual entry
     * or a password change; the session of the request that changed it is kept.
     */
    private boolean invalidateOnPasswordChange = true;

    /** Creates the defaults. */
    public Session() {}

    /**
     * Whether sessions are ended after a password change.
     *
     * @return the value
     */
    public boolean isInvalidateOnPasswordChange() {
      return invalidateOnPasswordChange;
    }

    /**
     * Sets whether sessions are ended after a password change.
     *
     * @param invalidateOnPasswordChange the value
     */
    public void setInvalidateOnPasswordChange(boolean invalidateOnPasswordChange) {
      this.invalidateOnPasswordChange = invalidateOnPasswordChange;
    }
  }

  /** The scheduled purge of expired links and throttle counters. */
  public static class Purge {

    /** Whether expired links and throttle counters are purged on a schedule. */
    private boolean enabled = true;

    /**
     * The delay between the end of one purge and the start of the next. Plain numbers are minutes.
     * Ignored when "cron" is set.
     */
    @DurationUnit(ChronoUnit.MINUTES)
    private Duration fixedDelay = Duration.ofHours(1);

    /**
     * A cron expression (Spring's six fields, e.g. "0 15 3 * * *") for the purge, in the server's
     * time zone; takes precedence over fixed-delay. Unset: fixed-delay.
     */
    private @Nullable String cron;

    /** Creates the defaults. */
    public Purge() {}

    /**
     * Whether the purge runs.
     *
     * @return the value
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the purge runs.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The delay between purges.
     *
     * @return the value
     */
    public Duration getFixedDelay() {
      return fixedDelay;
    }

    /**
     * Sets the delay between purges.
     *
     * @param fixedDelay the value
     */
    public void setFixedDelay(Duration fixedDelay) {
      this.fixedDelay = fixedDelay;
    }

    /**
     * The cron expression.
     *
     * @return the expression, or {@code null} if not set
     */
    public @Nullable String getCron() {
      return cron;
    }

    /**
     * Sets the cron expression.
     *
     * @param cron the expression, or {@code null} for fixed-delay
     */
    public void setCron(@Nullable String cron) {
      this.cron = cron;
    }
  }

  /** The optional JSON endpoints of the self-service flows (Spring MVC). */
  public static class Web {

    /** Whether the self-service JSON endpoints are exposed. Agent operations never are. */
    private boolean enabled = false;

    /** The path the endpoints live under. */
    private String basePath = "/password-reset";

    /** Creates the defaults. */
    public Web() {}

    /**
     * Whether the endpoints are exposed.
     *
     * @return the value
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the endpoints are exposed.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The base path.
     *
     * @return the path
     */
    public String getBasePath() {
      return basePath;
    }

    /**
     * Sets the base path.
     *
     * @param basePath the path
     */
    public void setBasePath(String basePath) {
      this.basePath = basePath;
    }
  }

  /** The JDBC stores (used when the password-reset-jdbc module and a DataSource are present). */
  public static class Jdbc {

    /**
     * Whether the JDBC ticket, settings and throttle stores are used when a DataSource is present.
     */
    private boolean enabled = true;

    /**
     * When the tables are created at start-up: "embedded" (only for an embedded database such as
     * H2), "always", or "never" (you manage the schema, e.g. with Flyway, from the shipped
     * scripts).
     */
    private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

    /** Creates the defaults. */
    public Jdbc() {}

    /**
     * Whether the JDBC stores are used.
     *
     * @return the value
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the JDBC stores are used.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * When the tables are created.
     *
     * @return the mode
     */
    public SchemaInitialization getInitializeSchema() {
      return initializeSchema;
    }

    /**
     * Sets when the tables are created.
     *
     * @param initializeSchema the mode
     */
    public void setInitializeSchema(SchemaInitialization initializeSchema) {
      this.initializeSchema = initializeSchema;
    }
  }

  /** When the JDBC tables are created at start-up. */
  public enum SchemaInitialization {
    /** Only for an embedded database (H2, HSQLDB, Derby). */
    EMBEDDED,
    /** Always (the scripts create only what is missing). */
    ALWAYS,
    /** Never: the host manages the schema. */
    NEVER
  }
}
