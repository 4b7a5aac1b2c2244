package dev.passwordreset.spring;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * The {@code password-reset.*} properties, fed to core's builders. A property not set is null here
 * and leaves core's default (written once, in core, and copied into the metadata at build time);
 * core checks every value. Initial settings yield to an administrator's saved ones. Durations take
 * Spring Boot's forms ({@code 90m}, {@code PT15M}); a plain number is in the unit a property names.
 * Not thread-safe while being bound; read-only afterwards.
 */
@ConfigurationProperties("password-reset")
@SuppressWarnings("missing-explicit-ctor") // Boot binds through the default constructors.
public class PasswordResetProperties {
  /** Whether the whole password-reset auto-configuration is on. */
  private boolean enabled = true;

  /** Initial "Allow Manual Entry": whether agents may type a password for a customer. */
  private @Nullable Boolean allowManualEntry;

  /** Initial "Password Ticket Expiration Delay" (temporary passwords). Plain numbers: minutes. */
  @DurationUnit(ChronoUnit.MINUTES)
  private @Nullable Duration ticketExpirationDelay;

  /** Initial "sign in after reset": whether a completed reset signs the customer in. */
  private @Nullable Boolean signInAfterReset;

  /** The default storefront's reset page: an absolute https URL holding {token} once. Required. */
  private @Nullable String linkTemplate;

  /** Further storefronts by name (as in RequestContext.storefront), each with a link-template. */
  private final Map<String, Storefront> storefronts = new LinkedHashMap<>();

  /** The longest password accepted, in code points, before anything is hashed. */
  private @Nullable Integer maxPasswordLength;

  /** How often saved settings are re-read from the store. Plain numbers are seconds. */
  @DurationUnit(ChronoUnit.SECONDS)
  private @Nullable Duration settingsRefreshInterval;

  private final LinkLifetime linkLifetime = new LinkLifetime();
  private final Throttle throttle = new Throttle();
  private final LoginProtection loginProtection = new LoginProtection();
  private final Code code = new Code();
  private final Policy policy = new Policy();
  private final Hashing hashing = new Hashing();
  private final Mail mail = new Mail();

  /** The default storefront's brand in its emails (password-reset.brand.*). */
  private final Brand brand = new Brand();

  private final Delivery delivery = new Delivery();
  private final Session session = new Session();
  private final Purge purge = new Purge();
  private final Web web = new Web();
  private final Jdbc jdbc = new Jdbc();
  private final Captcha captcha = new Captcha();

  /**
   * Not a property: whether {@link PasswordResetAutoConfiguration} has checked these values (all at
   * once, before the first bean that reads them).
   */
  private final AtomicBoolean checkedOnce = new AtomicBoolean();

  /** Answers {@code true} to the first call only: the caller then checks these values. */
  boolean firstCheck() {
    return checkedOnce.compareAndSet(false, true);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public @Nullable Boolean getAllowManualEntry() {
    return allowManualEntry;
  }

  public void setAllowManualEntry(@Nullable Boolean allowManualEntry) {
    this.allowManualEntry = allowManualEntry;
  }

  public @Nullable Duration getTicketExpirationDelay() {
    return ticketExpirationDelay;
  }

  public void setTicketExpirationDelay(@Nullable Duration ticketExpirationDelay) {
    this.ticketExpirationDelay = ticketExpirationDelay;
  }

  public @Nullable Boolean getSignInAfterReset() {
    return signInAfterReset;
  }

  public void setSignInAfterReset(@Nullable Boolean signInAfterReset) {
    this.signInAfterReset = signInAfterReset;
  }

  public @Nullable String getLinkTemplate() {
    return linkTemplate;
  }

  public void setLinkTemplate(@Nullable String linkTemplate) {
    this.linkTemplate = linkTemplate;
  }

  public Map<String, Storefront> getStorefronts() {
    return storefronts;
  }

  public @Nullable Integer getMaxPasswordLength() {
    return maxPasswordLength;
  }

  public void setMaxPasswordLength(@Nullable Integer maxPasswordLength) {
    this.maxPasswordLength = maxPasswordLength;
  }

  public @Nullable Duration getSettingsRefreshInterval() {
    return settingsRefreshInterval;
  }

  public void setSettingsRefreshInterval(@Nullable Duration settingsRefreshInterval) {
    this.settingsRefreshInterval = settingsRefreshInterval;
  }

  public LinkLifetime getLinkLifetime() {
    return linkLifetime;
  }

  public Throttle getThrottle() {
    return throttle;
  }

  public LoginProtection getLoginProtection() {
    return loginProtection;
  }

  public Code getCode() {
    return code;
  }

  public Policy getPolicy() {
    return policy;
  }

  public Hashing getHashing() {
    return hashing;
  }

  public Brand getBrand() {
    return brand;
  }

  public Mail getMail() {
    return mail;
  }

  public Delivery getDelivery() {
    return delivery;
  }

  public Session getSession() {
    return session;
  }

  public Purge getPurge() {
    return purge;
  }

  public Web getWeb() {
    return web;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Captcha getCaptcha() {
    return captcha;
  }

  /** One further storefront. */
  public static class Storefront {
    /** The storefront's reset page, as for password-reset.link-template. */
    private @Nullable String linkTemplate;

    /** The storefront's brand in its emails; each unset field is password-reset.brand.*'s. */
    private final Brand brand = new Brand();

    public Brand getBrand() {
      return brand;
    }

    public @Nullable String getLinkTemplate() {
      return linkTemplate;
    }

    public void setLinkTemplate(@Nullable String linkTemplate) {
      this.linkTemplate = linkTemplate;
    }
  }

  /**
   * How a storefront's emails name and present the shop (password-reset-mail's Brand). For a
   * storefront under password-reset.storefronts, each unset field is password-reset.brand.*'s.
   */
  public static class Brand {
    /**
     * The shop's name as customers know it, in every subject, greeting and sign-off. Unset:
     * password-reset.mail.from-name, else the sender's domain.
     */
    private @Nullable String shopName;

    /** Square logo shown beside the shop's name at the top of the emails: an absolute https URL. */
    private @Nullable String logoUrl;

    /** Colour of the button and the top rule, #rgb or #rrggbb (white text is written on it). */
    private @Nullable String accentColor;

    /**
     * Customer service's email address and/or web page (http or https), named wherever an email
     * tells the customer to contact the shop; comma-separated for both.
     */
    private final List<String> contact = new ArrayList<>();

    /** Customer service's phone number, e.g. "+44 20 7946 0000". */
    private @Nullable String contactPhone;

    /** One line at the bottom of every email, such as the company's postal address. */
    private @Nullable String footer;

    /** This storefront's From address. Unset: password-reset.mail.from. */
    private @Nullable String from;

    /** The name beside this storefront's From address. Unset: the shop's name. */
    private @Nullable String fromName;

    /** This storefront's Reply-To address. Unset: password-reset.mail.reply-to. */
    private @Nullable String replyTo;

    /**
     * The time zone this storefront's emails state expiry in. Unset: password-reset.mail.time-zone.
     */
    private @Nullable ZoneId timeZone;

    public @Nullable String getShopName() {
      return shopName;
    }

    public void setShopName(@Nullable String shopName) {
      this.shopName = shopName;
    }

    public @Nullable String getLogoUrl() {
      return logoUrl;
    }

    public void setLogoUrl(@Nullable String logoUrl) {
      this.logoUrl = logoUrl;
    }

    public @Nullable String getAccentColor() {
      return accentColor;
    }

    public void setAccentColor(@Nullable String accentColor) {
      this.accentColor = accentColor;
    }

    public List<String> getContact() {
      return contact;
    }

    public @Nullable String getContactPhone() {
      return contactPhone;
    }

    public void setContactPhone(@Nullable String contactPhone) {
      this.contactPhone = contactPhone;
    }

    public @Nullable String getFooter() {
      return footer;
    }

    public void setFooter(@Nullable String footer) {
      this.footer = footer;
    }

    public @Nullable String getFrom() {
      return from;
    }

    public void setFrom(@Nullable String from) {
      this.from = from;
    }

    public @Nullable String getFromName() {
      return fromName;
    }

    public void setFromName(@Nullable String fromName) {
      this.fromName = fromName;
    }

    public @Nullable String getReplyTo() {
      return replyTo;
    }

    public void setReplyTo(@Nullable String replyTo) {
      this.replyTo = replyTo;
    }

    public @Nullable ZoneId getTimeZone() {
      return timeZone;
    }

    public void setTimeZone(@Nullable ZoneId timeZone) {
      this.timeZone = timeZone;
    }
  }

  /** Initial link lifetimes per purpose; an administrator's saved settings take precedence. */
  public static class LinkLifetime {
    /** Lifetime of a storefront reset or set-then-confirm link. Plain numbers are minutes. */
    @DurationUnit(ChronoUnit.MINUTES)
    private @Nullable Duration selfService;

    /** Lifetime of an agent's reset link and of a reminder's link. Plain numbers are minutes. */
    @DurationUnit(ChronoUnit.MINUTES)
    private @Nullable Duration agent;

    /** Lifetime of an account-setup link. Plain numbers are minutes. */
    @DurationUnit(ChronoUnit.MINUTES)
    private @Nullable Duration accountSetup;

    public @Nullable Duration getSelfService() {
      return selfService;
    }

    public void setSelfService(@Nullable Duration selfService) {
      this.selfService = selfService;
    }

    public @Nullable Duration getAgent() {
      return agent;
    }

    public void setAgent(@Nullable Duration agent) {
      this.agent = agent;
    }

    public @Nullable Duration getAccountSetup() {
      return accountSetup;
    }

    public void setAccountSetup(@Nullable Duration accountSetup) {
      this.accountSetup = accountSetup;
    }
  }

  /** The throttles: at most "count" events per "window" each. */
  public static class Throttle {
    // Groups, not properties: their count and window carry the descriptions.
    private final Limit accountRequests = new Limit(); // self-service emails per account, silent
    private final Limit clientRequests = new Limit(); // self-service requests per client (429)
    private final Limit clientBadTokens = new Limit(); // unknown or malformed links per client
    private final Limit clientLogins = new Limit(); // failed logins per client address

    /**
     * How many leading bits of an IPv6 client address make one client for every per-client limit
     * (IPv4 addresses are one client each).
     */
    private @Nullable Integer clientIpv6PrefixLength;

    public @Nullable Integer getClientIpv6PrefixLength() {
      return clientIpv6PrefixLength;
    }

    public void setClientIpv6PrefixLength(@Nullable Integer clientIpv6PrefixLength) {
      this.clientIpv6PrefixLength = clientIpv6PrefixLength;
    }

    public Limit getAccountRequests() {
      return accountRequests;
    }

    public Limit getClientRequests() {
      return clientRequests;
    }

    public Limit getClientBadTokens() {
      return clientBadTokens;
    }

    public Limit getClientLogins() {
      return clientLogins;
    }
  }

  /**
   * Account protection from password guessing: consecutive failed logins per account, cleared only
   * by a successful login or a completed reset; waits that grow after the free failures; a lockout
   * at the threshold until a reset completes.
   */
  public static class LoginProtection {
    /** Consecutive failed logins that cost no wait. */
    private @Nullable Integer freeFailures;

    /** The wait after the first failure beyond the free ones; it doubles after each further one. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration firstDelay;

    /** The longest wait between failed logins of one account. Plain numbers are seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration maxDelay;

    /** Consecutive failed logins at which password login stops until a reset (at most 100). */
    private @Nullable Integer lockoutThreshold;

    public @Nullable Integer getFreeFailures() {
      return freeFailures;
    }

    public void setFreeFailures(@Nullable Integer freeFailures) {
      this.freeFailures = freeFailures;
    }

    public @Nullable Duration getFirstDelay() {
      return firstDelay;
    }

    public void setFirstDelay(@Nullable Duration firstDelay) {
      this.firstDelay = firstDelay;
    }

    public @Nullable Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(@Nullable Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public @Nullable Integer getLockoutThreshold() {
      return lockoutThreshold;
    }

    public void setLockoutThreshold(@Nullable Integer lockoutThreshold) {
      this.lockoutThreshold = lockoutThreshold;
    }
  }

  /**
   * Reset by code ("send me a code instead"): the emailed code's digits, lifetime and wrong tries,
   * and the key of the HMAC it is stored under.
   */
  public static class Code {
    /** The number of digits of an emailed reset code (6 to 10). */
    private @Nullable Integer length;

    /** How long a reset code works (1 minute to 1 hour). Plain numbers are minutes. */
    @DurationUnit(ChronoUnit.MINUTES)
    private @Nullable Duration lifetime;

    /** The wrong tries that kill a reset code (1 to 10). */
    private @Nullable Integer maxAttempts;

    /**
     * The key of the HMAC that codes are stored under: its UTF-8 bytes, at least 32 (e.g. the
     * output of openssl rand -base64 32); the same on every node; never logged. Unset: the engine
     * makes a random key and keeps it in the settings store.
     */
    private @Nullable String secret;

    public @Nullable Integer getLength() {
      return length;
    }

    public void setLength(@Nullable Integer length) {
      this.length = length;
    }

    public @Nullable Duration getLifetime() {
      return lifetime;
    }

    public void setLifetime(@Nullable Duration lifetime) {
      this.lifetime = lifetime;
    }

    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(@Nullable Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public @Nullable String getSecret() {
      return secret;
    }

    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /** Hides the secret. */
    @Override
    public String toString() {
      return "Code[length="
          + length
          + ", lifetime="
          + lifetime
          + ", maxAttempts="
          + maxAttempts
          + ", secret="
          + (secret == null ? "null" : "(redacted)")
          + "]";
    }
  }

  /** One throttle limit; a part not set keeps the engine's default for that throttle. */
  public static class Limit {
    /** How many events a window allows. */
    private @Nullable Integer count;

    /** The window's length. Plain numbers are minutes. */
    @DurationUnit(ChronoUnit.MINUTES)
    private @Nullable Duration window;

    public @Nullable Integer getCount() {
      return count;
    }

    public void setCount(@Nullable Integer count) {
      this.count = count;
    }

    public @Nullable Duration getWindow() {
      return window;
    }

    public void setWindow(@Nullable Duration window) {
      this.window = window;
    }
  }

  /** The two policy presets of core's RuleBasedPasswordPolicy. */
  public enum PolicyPreset {
    /** RuleBasedPasswordPolicy.defaults(): composition rules, as on the platforms replaced. */
    DEFAULT,
    /** RuleBasedPasswordPolicy.nist(): after NIST SP 800-63B, longer, no composition rules. */
    NIST
  }

  /** The password policy: a preset, and any rule changed from it. */
  public static class Policy {
    /** The preset the rules start from: "default" (composition rules) or "nist" (NIST). */
    private @Nullable PolicyPreset preset;

    /** Smallest accepted length in code points. Unset: the preset's. */
    private @Nullable Integer minLength;

    /** Largest accepted length in code points. Unset: the preset's. */
    private @Nullable Integer maxLength;

    /** Whether a capital letter is required. Unset: the preset's. */
    private @Nullable Boolean requireUppercase;

    /** Whether a lower-case letter is required. Unset: the preset's. */
    private @Nullable Boolean requireLowercase;

    /** Whether a digit is required. Unset: the preset's. */
    private @Nullable Boolean requireDigit;

    /** Whether a special character (neither letter nor digit) is required. Unset: the preset's. */
    private @Nullable Boolean requireSpecial;

    /** Whether the email's local part is forbidden in the password. Unset: the preset's. */
    private @Nullable Boolean forbidEmailLocalPart;

    /** Whether common passwords (list shipped in the jar) are refused. Unset: the preset's. */
    private @Nullable Boolean forbidCommonPasswords;

    public @Nullable PolicyPreset getPreset() {
      return preset;
    }

    public void setPreset(@Nullable PolicyPreset preset) {
      this.preset = preset;
    }

    public @Nullable Integer getMinLength() {
      return minLength;
    }

    public void setMinLength(@Nullable Integer minLength) {
      this.minLength = minLength;
    }

    public @Nullable Integer getMaxLength() {
      return maxLength;
    }

    public void setMaxLength(@Nullable Integer maxLength) {
      this.maxLength = maxLength;
    }

    public @Nullable Boolean getRequireUppercase() {
      return requireUppercase;
    }

    public void setRequireUppercase(@Nullable Boolean requireUppercase) {
      this.requireUppercase = requireUppercase;
    }

    public @Nullable Boolean getRequireLowercase() {
      return requireLowercase;
    }

    public void setRequireLowercase(@Nullable Boolean requireLowercase) {
      this.requireLowercase = requireLowercase;
    }

    public @Nullable Boolean getRequireDigit() {
      return requireDigit;
    }

    public void setRequireDigit(@Nullable Boolean requireDigit) {
      this.requireDigit = requireDigit;
    }

    public @Nullable Boolean getRequireSpecial() {
      return requireSpecial;
    }

    public void setRequireSpecial(@Nullable Boolean requireSpecial) {
      this.requireSpecial = requireSpecial;
    }

    public @Nullable Boolean getForbidEmailLocalPart() {
      return forbidEmailLocalPart;
    }

    public void setForbidEmailLocalPart(@Nullable Boolean forbidEmailLocalPart) {
      this.forbidEmailLocalPart = forbidEmailLocalPart;
    }

    public @Nullable Boolean getForbidCommonPasswords() {
      return forbidCommonPasswords;
    }

    public void setForbidCommonPasswords(@Nullable Boolean forbidCommonPasswords) {
      this.forbidCommonPasswords = forbidCommonPasswords;
    }
  }

  /** Argon2id parameters of new hashes (stored hashes keep theirs and are upgraded at login). */
  public static class Hashing {
    /** Memory cost m in KiB; at least 8 x parallelism. */
    private @Nullable Integer memoryKib;

    /** Number of passes t. */
    private @Nullable Integer iterations;

    /** Number of lanes p. */
    private @Nullable Integer parallelism;

    /** Length of the random salt in bytes. */
    private @Nullable Integer saltLength;

    /** Length of the hash in bytes. */
    private @Nullable Integer hashLength;

    /** Hashes running at once (memory stays below memory-kib times this). Unset: processors. */
    private @Nullable Integer maxConcurrentHashes;

    public @Nullable Integer getMemoryKib() {
      return memoryKib;
    }

    public void setMemoryKib(@Nullable Integer memoryKib) {
      this.memoryKib = memoryKib;
    }

    public @Nullable Integer getIterations() {
      return iterations;
    }

    public void setIterations(@Nullable Integer iterations) {
      this.iterations = iterations;
    }

    public @Nullable Integer getParallelism() {
      return parallelism;
    }

    public void setParallelism(@Nullable Integer parallelism) {
      this.parallelism = parallelism;
    }

    public @Nullable Integer getSaltLength() {
      return saltLength;
    }

    public void setSaltLength(@Nullable Integer saltLength) {
      this.saltLength = saltLength;
    }

    public @Nullable Integer getHashLength() {
      return hashLength;
    }

    public void setHashLength(@Nullable Integer hashLength) {
      this.hashLength = hashLength;
    }

    public @Nullable Integer getMaxConcurrentHashes() {
      return maxConcurrentHashes;
    }

    public void setMaxConcurrentHashes(@Nullable Integer maxConcurrentHashes) {
      this.maxConcurrentHashes = maxConcurrentHashes;
    }
  }

  /** The emails. */
  public static class Mail {
    /** Whether emails are sent; off, they are only logged, without links (development only). */
    private boolean enabled = true;

    /** The From address, e.g. no-reply@shop.example. Required with Spring's JavaMailSender. */
    private @Nullable String from;

    /** The name shown beside the From address, e.g. "Example Shop". Unset: none. */
    private @Nullable String fromName;

    /** The Reply-To address, e.g. your customer service's. Unset: none. */
    private @Nullable String replyTo;

    /** The time zone the emails show link expiry times in, e.g. "Europe/Paris". */
    private ZoneId timeZone = ZoneId.of("UTC");

    /** Class-path folder of your own templates, overriding the built-in ones file by file. */
    private @Nullable String templateLocation;

    /** Values your templates use as {{name}}, e.g. password-reset.mail.variables.shop=Shop. */
    private final Map<String, String> variables = new LinkedHashMap<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public @Nullable String getFrom() {
      return from;
    }

    public void setFrom(@Nullable String from) {
      this.from = from;
    }

    public @Nullable String getFromName() {
      return fromName;
    }

    public void setFromName(@Nullable String fromName) {
      this.fromName = fromName;
    }

    public @Nullable String getReplyTo() {
      return replyTo;
    }

    public void setReplyTo(@Nullable String replyTo) {
      this.replyTo = replyTo;
    }

    public ZoneId getTimeZone() {
      return timeZone;
    }

    public void setTimeZone(ZoneId timeZone) {
      this.timeZone = timeZone;
    }

    public @Nullable String getTemplateLocation() {
      return templateLocation;
    }

    public void setTemplateLocation(@Nullable String templateLocation) {
      this.templateLocation = templateLocation;
    }

    public Map<String, String> getVariables() {
      return variables;
    }
  }

  /** How self-service mail is queued and retried, off the caller's thread. */
  public static class Delivery {
    /** How many times a transiently failing email is tried in all (1 = no retry). */
    private @Nullable Integer attempts;

    /** The wait before the second attempt, doubled each time. Plain numbers are seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration initialBackoff;

    /** The longest wait between attempts, at least initial-backoff. Plain numbers are seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration maxBackoff;

    /** How many emails may wait at once; beyond it new ones are dropped and reported. */
    private @Nullable Integer capacity;

    /** Threads of the engine's own delivery executor. */
    private @Nullable Integer threads;

    /** How long shutting down waits for queued mail. Plain numbers are seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration closeTimeout;

    public @Nullable Integer getAttempts() {
      return attempts;
    }

    public void setAttempts(@Nullable Integer attempts) {
      this.attempts = attempts;
    }

    public @Nullable Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(@Nullable Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public @Nullable Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(@Nullable Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public @Nullable Integer getCapacity() {
      return capacity;
    }

    public void setCapacity(@Nullable Integer capacity) {
      this.capacity = capacity;
    }

    public @Nullable Integer getThreads() {
      return threads;
    }

    public void setThreads(@Nullable Integer threads) {
      this.threads = threads;
    }

    public @Nullable Duration getCloseTimeout() {
      return closeTimeout;
    }

    public void setCloseTimeout(@Nullable Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
    }
  }

  /** Spring Session integration. */
  public static class Session {
    /** Whether a password change ends the customer's other sessions (Spring Session's). */
    private boolean invalidateOnPasswordChange = true;

    public boolean isInvalidateOnPasswordChange() {
      return invalidateOnPasswordChange;
    }

    public void setInvalidateOnPasswordChange(boolean invalidateOnPasswordChange) {
      this.invalidateOnPasswordChange = invalidateOnPasswordChange;
    }
  }

  /** The scheduled purge of expired links and throttle counters. */
  public static class Purge {
    /** Whether expired links and throttle counters are purged on a schedule. */
    private boolean enabled = true;

    /** The delay between the end of one purge and the next start. Plain numbers are minutes. */
    @DurationUnit(ChronoUnit.MINUTES)
    private @Nullable Duration fixedDelay;

    /** A six-field Spring cron expression (server time zone) for the purge; beats fixed-delay. */
    private @Nullable String cron;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public @Nullable Duration getFixedDelay() {
      return fixedDelay;
    }

    public void setFixedDelay(@Nullable Duration fixedDelay) {
      this.fixedDelay = fixedDelay;
    }

    public @Nullable String getCron() {
      return cron;
    }

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

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getBasePath() {
      return basePath;
    }

    public void setBasePath(String basePath) {
      this.basePath = basePath;
    }
  }

  /** The JDBC stores (used when the password-reset-jdbc module and a DataSource are present). */
  public static class Jdbc {
    /** Whether the JDBC stores are used when a DataSource is present. */
    private boolean enabled = true;

    /** When the tables are created: "embedded" (e.g. H2 in memory), "always" or "never". */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public DatabaseInitializationMode getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
      this.initializeSchema = initializeSchema;
    }
  }

  /** The captcha services {@code password-reset.captcha.provider} can name. */
  public enum CaptchaProvider {
    /** Cloudflare Turnstile. */
    TURNSTILE,
    /** hCaptcha. */
    HCAPTCHA,
    /** Google reCAPTCHA v2 (checkbox or invisible). */
    RECAPTCHA,
    /** Google reCAPTCHA v3 (score and action). */
    RECAPTCHA_V3
  }

  /**
   * A ready captcha verifier (needs the password-reset-captcha module on the class path): set a
   * provider and its secret, and it becomes the engine's HumanVerifier.
   */
  public static class Captcha {
    /** The captcha service: turnstile, hcaptcha, recaptcha (v2) or recaptcha-v3. Unset: none. */
    private @Nullable CaptchaProvider provider;

    /** The provider's secret key for the site. Required with a provider; never logged. */
    private @Nullable String secret;

    /** The provider's public site key, for the page's widget. Required with a provider. */
    private @Nullable String siteKey;

    /** The hostnames the widget may be solved on (the answer's hostname). Unset: not checked. */
    private List<String> expectedHostname = new ArrayList<>();

    /** The lowest reCAPTCHA v3 score accepted, from 0.0 to 1.0 (recaptcha-v3 only). */
    private @Nullable Double minScore;

    /** The action the widget must have run (required for recaptcha-v3; optional for turnstile). */
    private @Nullable String expectedAction;

    /** The total time one verification may take (connection to last byte). Plain numbers: ms. */
    private @Nullable Duration timeout;

    /** The time to wait for the connection to the provider. Plain numbers: milliseconds. */
    private @Nullable Duration connectTimeout;

    /** Whether to let requests through when the provider fails (logged at WARN each time). */
    private boolean failOpen = false;

    /** Another siteverify URL (e.g. https://www.recaptcha.net/recaptcha/api/siteverify). */
    private @Nullable URI verifyUrl;

    public @Nullable CaptchaProvider getProvider() {
      return provider;
    }

    public void setProvider(@Nullable CaptchaProvider provider) {
      this.provider = provider;
    }

    public @Nullable String getSecret() {
      return secret;
    }

    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    public @Nullable String getSiteKey() {
      return siteKey;
    }

    public void setSiteKey(@Nullable String siteKey) {
      this.siteKey = siteKey;
    }

    public List<String> getExpectedHostname() {
      return expectedHostname;
    }

    public void setExpectedHostname(List<String> expectedHostname) {
      this.expectedHostname = expectedHostname;
    }

    public @Nullable Double getMinScore() {
      return minScore;
    }

    public void setMinScore(@Nullable Double minScore) {
      this.minScore = minScore;
    }

    public @Nullable String getExpectedAction() {
      return expectedAction;
    }

    public void setExpectedAction(@Nullable String expectedAction) {
      this.expectedAction = expectedAction;
    }

    public @Nullable Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
      this.timeout = timeout;
    }

    public @Nullable Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public boolean isFailOpen() {
      return failOpen;
    }

    public void setFailOpen(boolean failOpen) {
      this.failOpen = failOpen;
    }

    public @Nullable URI getVerifyUrl() {
      return verifyUrl;
    }

    public void setVerifyUrl(@Nullable URI verifyUrl) {
      this.verifyUrl = verifyUrl;
    }

    /** Hides the secret. */
    @Override
    public String toString() {
      return "Captcha[provider=" + provider + ", siteKey=" + siteKey + ", secret=(redacted)]";
    }
  }
}
