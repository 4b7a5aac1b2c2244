package dev.passwordreset.captcha;

import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.captcha.internal.BoundedBody;
import dev.passwordreset.captcha.internal.ReplayGuard;
import dev.passwordreset.captcha.internal.SiteverifyAnswer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HumanVerifier} that checks the widget's answer with Cloudflare Turnstile, hCaptcha or
 * Google reCAPTCHA (v2 or v3): one {@code POST} of the form {@code secret}, {@code response},
 * {@code remoteip} (the request's client address) and, for hCaptcha, {@code sitekey} to the
 * provider's {@code siteverify} endpoint, and the JSON answer checked:
 *
 * <ul>
 *   <li>{@code success} must be {@code true};
 *   <li>{@code hostname} must be one of the expected hostnames, when some are configured;
 *   <li>{@code action} must be the expected action (reCAPTCHA v3: always; Turnstile: when one is
 *       configured);
 *   <li>{@code score} must reach the minimum score (reCAPTCHA v3).
 * </ul>
 *
 * <p>A token is accepted once: the SHA-256 hashes of accepted tokens are remembered for the replay
 * window (default 5 minutes; reCAPTCHA and Turnstile tokens live 2 to 5 minutes) and a second use
 * is refused without asking the provider (the providers also answer {@code timeout-or-duplicate}).
 * A missing, blank or over-long token (more than {@value #MAX_TOKEN_LENGTH} characters) is refused
 * without asking.
 *
 * <p><b>Fail-closed.</b> When the provider gives no usable answer — connect timeout (default 3 s),
 * total timeout (default 5 s, connection to last byte), a network error, an HTTP status other than
 * 200, an answer longer than the maximum (default 64 KiB), or an answer that is not the documented
 * JSON — {@code verify} returns {@code false}, and the {@link CaptchaFailureListener} is told.
 * {@linkplain Builder#failOpen(boolean) Fail-open} (let the request through instead) is an explicit
 * choice, logged at WARN when the verifier is built and on each use; a provider that refuses the
 * secret ({@link CaptchaFailure.Reason#MISCONFIGURED}) is refused even then.
 *
 * <p>The secret is sent only in the request's body: it is never logged, and {@link #toString()}
 * does not show it; nor are tokens or client addresses logged.
 *
 * <p>Thread-safe; one instance serves every request (it holds one {@link HttpClient}).
 */
public final class CaptchaVerifier implements HumanVerifier {

  /** The longest token sent to the provider, in characters: {@value}. */
  public static final int MAX_TOKEN_LENGTH = 4096;

  /** The default connect timeout: 3 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** The default total timeout, from the connection to the answer's last byte: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The default longest answer read, in bytes: {@value} (64 KiB). */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

  /** How long an accepted token is remembered by default: 5 minutes. */
  public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

  /** The most accepted tokens remembered by default: {@value}. */
  public static final int DEFAULT_REPLAY_CAPACITY = 100_000;

  /** The default minimum reCAPTCHA v3 score: {@value}. */
  public static final double DEFAULT_MIN_SCORE = 0.5;

  private static final Logger log = LoggerFactory.getLogger(CaptchaVerifier.class);

  /** The error codes by which providers refuse the secret or the site key. */
  private static final Set<String> CONFIGURATION_ERRORS =
      Set.of(
          "missing-input-secret",
          "invalid-input-secret",
          "sitekey-secret-mismatch",
          "invalid-sitekey",
          "missing-sitekey");

  private final CaptchaProvider provider;
  private final String secret;
  private final @Nullable String siteKey;
  private final Set<String> expectedHostnames;
  private final @Nullable String expectedAction;
  private final double minScore;
  private final Duration timeout;
  private final URI verifyUrl;
  private final boolean failOpen;
  private final CaptchaFailureListener failureListener;
  private final ReplayGuard replays;
  private final BoundedBody bodyHandler;
  private final HttpClient http;

  private CaptchaVerifier(Builder b, String secret) {
    this.provider = b.provider;
    this.secret = secret;
    this.siteKey = b.siteKey;
    this.expectedHostnames = Set.copyOf(b.expectedHostnames);
    this.expectedAction = b.expectedAction;
    this.minScore = b.minScore == null ? DEFAULT_MIN_SCORE : b.minScore;
    this.timeout = b.timeout;
    this.verifyUrl = b.verifyUrl == null ? b.provider.defaultVerifyUrl() : b.verifyUrl;
    this.failOpen = b.failOpen;
    this.failureListener = b.failureListener;
    this.replays = new ReplayGuard(b.clock, b.replayWindow, b.replayCapacity);
    this.bodyHandler = new BoundedBody(b.maxResponseBytes);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            // One small form post: HTTP/1.1 everywhere (no h2c upgrade dance on plain http).
            .version(HttpClient.Version.HTTP_1_1)
            // A redirect is not the documented answer: it counts as a failure.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Starts a builder for a provider.
   *
   * @param provider the provider
   * @return a new builder
   * @throws NullPointerException if {@code provider} is null
   */
  public static Builder builder(CaptchaProvider provider) {
    return new Builder(Objects.requireNonNull(provider, "provider must not be null"));
  }

  /**
   * The provider this verifier asks.
   *
   * @return the provider, never null
   */
  public CaptchaProvider provider() {
    return provider;
  }

  /**
   * The public site key the page's widget needs, if one was configured.
   *
   * @return the site key, or {@code null}
   */
  public @Nullable String siteKey() {
    return siteKey;
  }

  /**
   * Whether this verifier lets requests through when the provider fails.
   *
   * @return {@code true} if fail-open was chosen
   */
  public boolean failOpen() {
    return failOpen;
  }

  /**
   * Checks the widget's answer with the provider, as described on the class.
   *
   * @param captchaResponse the widget's token, or {@code null}
   * @param context the request; its client address is sent as {@code remoteip}
   * @return {@code true} if the provider vouched for a human and every configured check passed (or
   *     the provider failed and fail-open was chosen)
   * @throws NullPointerException if {@code context} is null
   */
  @Override
  public boolean verify(@Nullable String captchaResponse, RequestContext context) {
    Objects.requireNonNull(context, "context must not be null");
    if (captchaResponse == null
        || captchaResponse.isBlank()
        || captchaResponse.length() > MAX_TOKEN_LENGTH) {
      log.debug("{} captcha refused: no usable token", provider.id());
      return false;
    }
    if (replays.seen(captchaResponse)) {
      log.debug("{} captcha refused: token already used", provider.id());
      return false;
    }
    SiteverifyAnswer answer;
    try {
      answer = ask(captchaResponse, context.clientAddress());
    } catch (Failure failure) {
      return failed(failure.reason, captchaResponse);
    }
    if (!answer.success()) {
      if (answer.errorCodes().stream().anyMatch(CONFIGURATION_ERRORS::contains)) {
        log.error(
            "{} refused this verifier's configuration (error codes {}); check the secret and the"
                + " site key",
            provider.id(),
            answer.errorCodes());
        failureListener(CaptchaFailure.Reason.MISCONFIGURED, false);
        return false;
      }
      log.debug("{} captcha refused by the provider: {}", provider.id(), answer.errorCodes());
      return false;
    }
    if (!expectedHostnames.isEmpty()
        && (answer.hostname() == null
            || !expectedHostnames.contains(answer.hostname().toLowerCase(Locale.ROOT)))) {
      log.debug("{} captcha refused: solved on another hostname", provider.id());
      return false;
    }
    if (expectedAction != null && !expectedAction.equals(answer.action())) {
      log.debug("{} captcha refused: another action", provider.id());
      return false;
    }
    if (provider == CaptchaProvider.RECAPTCHA_V3) {
      Double score = answer.score();
      if (score == null || score < minScore) {
        log.debug("{} captcha refused: score {} below {}", provider.id(), score, minScore);
        return false;
      }
    }
    if (!replays.accept(captchaResponse)) {
      log.debug("{} captcha refused: token already used", provider.id());
      return false;
    }
    return true;
  }

  private boolean failed(CaptchaFailure.Reason reason, String token) {
    boolean letThrough = failOpen && replays.accept(token);
    if (failOpen) {
      log.warn(
          "{} captcha provider failed ({}); request {} (fail-open is configured)",
          provider.id(),
          reason.tag(),
          letThrough ? "let through" : "refused: token already used");
    } else {
      log.warn("{} captcha provider failed ({}); request refused", provider.id(), reason.tag());
    }
    failureListener(reason, letThrough);
    return letThrough;
  }

  private void failureListener(CaptchaFailure.Reason reason, boolean failedOpen) {
    try {
      failureListener.onFailure(new CaptchaFailure(provider, reason, failedOpen));
    } catch (RuntimeException e) {
      log.warn("A CaptchaFailureListener threw {}; ignored", e.getClass().getName()); // no message
    }
  }

  private SiteverifyAnswer ask(String token, String clientAddress) throws Failure {
    StringBuilder form = new StringBuilder(256);
    field(form, "secret", secret);
    field(form, "response", token);
    field(form, "remoteip", clientAddress);
    if (provider == CaptchaProvider.HCAPTCHA && siteKey != null) {
      field(form, "sitekey", siteKey);
    }
    HttpRequest request =
        HttpRequest.newBuilder(verifyUrl)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8))
            .build();
    CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, bodyHandler);
    HttpResponse<byte[]> response;
    try {
      response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new Failure(CaptchaFailure.Reason.TIMEOUT);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new Failure(CaptchaFailure.Reason.NETWORK);
    } catch (ExecutionException e) {
      throw new Failure(classify(e.getCause()));
    }
    if (response.statusCode() != 200) {
      throw new Failure(CaptchaFailure.Reason.HTTP_STATUS);
    }
    try {
      return SiteverifyAnswer.parse(response.body());
    } catch (SiteverifyAnswer.MalformedException e) {
      throw new Failure(CaptchaFailure.Reason.MALFORMED);
    }
  }

  private static CaptchaFailure.Reason classify(@Nullable Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof BoundedBody.OversizedException) {
        return CaptchaFailure.Reason.OVERSIZED;
      }
      if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
        return CaptchaFailure.Reason.TIMEOUT;
      }
    }
    return CaptchaFailure.Reason.NETWORK;
  }

  private static void field(StringBuilder form, String name, String value) {
    if (form.length() > 0) {
      form.append('&');
    }
    form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /**
   * Describes the verifier without its secret.
   *
   * @return e.g. {@code CaptchaVerifier[provider=turnstile, siteKey=..., secret=(redacted), ...]}
   */
  @Override
  public String toString() {
    return "CaptchaVerifier[provider="
        + provider.id()
        + ", siteKey="
        + siteKey
        + ", secret=(redacted), expectedHostnames="
        + expectedHostnames
        + ", expectedAction="
        + expectedAction
        + (provider == CaptchaProvider.RECAPTCHA_V3 ? ", minScore=" + minScore : "")
        + ", timeout="
        + timeout
        + ", verifyUrl="
        + verifyUrl
        + ", failOpen="
        + failOpen
        + "]";
  }

  /** The provider gave no usable answer. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CaptchaFailure.Reason reason;

    Failure(CaptchaFailure.Reason reason) {
      super(reason.tag(), null, false, false);
      this.reason = reason;
    }
  }

  /**
   * Builds a {@link CaptchaVerifier}. Only the secret is required (and, for reCAPTCHA v3, the
   * expected action). Each setter checks its argument: bad values throw {@link
   * IllegalArgumentException} naming the field (never showing the secret).
   *
   * <p>Not thread-safe; build once at start-up.
   */
  public static final class Builder {
    private final CaptchaProvider provider;
    private @Nullable String secret;
    private @Nullable String siteKey;
    private final List<String> expectedHostnames = new ArrayList<>();
    private @Nullable String expectedAction;
    private @Nullable Double minScore;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private @Nullable URI verifyUrl;
    private boolean failOpen;
    private CaptchaFailureListener failureListener = CaptchaFailureListener.NONE;
    private Duration replayWindow = DEFAULT_REPLAY_WINDOW;
    private int replayCapacity = DEFAULT_REPLAY_CAPACITY;
    private Clock clock = Clock.systemUTC();

    private Builder(CaptchaProvider provider) {
      this.provider = provider;
    }

    /**
     * The secret key the provider gave for the site (required). Sent only in the request body.
     *
     * @param value the secret; not blank, no whitespace or control characters, at most 512
     *     characters
     * @return this builder
     * @throws IllegalArgumentException naming {@code secret} (not its value) if it is bad
     */
    public Builder secret(String value) {
      this.secret = token(value, "secret", 512);
      return this;
    }

    /**
     * The public site key the page's widget uses; hCaptcha also receives it as {@code sitekey}.
     *
     * @param value the site key; not blank, no whitespace or control characters, at most 512
     *     characters
     * @return this builder
     * @throws IllegalArgumentException naming {@code siteKey} if it is bad
     */
    public Builder siteKey(String value) {
      this.siteKey = token(value, "siteKey", 512);
      return this;
    }

    /**
     * The hostnames the widget may be solved on (compared without case); the answer's {@code
     * hostname} must be one of them. None (the default): not checked. Calls add up.
     *
     * @param values the hostnames, e.g. {@code shop.example.com}
     * @return this builder
     * @throws IllegalArgumentException naming {@code expectedHostname} if one is blank or holds
     *     whitespace
     */
    public Builder expectedHostnames(String... values) {
      for (String value : values) {
        expectedHostnames.add(token(value, "expectedHostname", 253).toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * The action the widget must have been run with: required for reCAPTCHA v3, optional for
     * Turnstile; hCaptcha and reCAPTCHA v2 answer no action.
     *
     * @param value the action, e.g. {@code password_reset}
     * @return this builder
     * @throws IllegalArgumentException naming {@code expectedAction} if it is blank or holds
     *     whitespace, or the provider answers no action
     */
    public Builder expectedAction(String value) {
      if (provider == CaptchaProvider.HCAPTCHA || provider == CaptchaProvider.RECAPTCHA) {
        throw new IllegalArgumentException(
            "expectedAction: " + provider.id() + " answers no action");
      }
      this.expectedAction = token(value, "expectedAction", 100);
      return this;
    }

    /**
     * The lowest reCAPTCHA v3 score accepted (default {@value CaptchaVerifier#DEFAULT_MIN_SCORE}).
     *
     * @param value from 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException naming {@code minScore} if out of range or the provider is
     *     not reCAPTCHA v3
     */
    public Builder minScore(double value) {
      if (provider != CaptchaProvider.RECAPTCHA_V3) {
        throw new IllegalArgumentException("minScore applies to recaptcha-v3 only");
      }
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException("minScore must be from 0.0 to 1.0");
      }
      this.minScore = value;
      return this;
    }

    /**
     * How long to wait for the connection (default 3 s).
     *
     * @param value positive, at most a minute
     * @return this builder
     * @throws IllegalArgumentException naming {@code connectTimeout} if out of range
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = duration(value, "connectTimeout");
      return this;
    }

    /**
     * How long a verification may take in all, from the connection to the answer's last byte
     * (default 5 s).
     *
     * @param value positive, at most a minute
     * @return this builder
     * @throws IllegalArgumentException naming {@code timeout} if out of range
     */
    public Builder timeout(Duration value) {
      this.timeout = duration(value, "timeout");
      return this;
    }

    /**
     * The longest answer read (default 64 KiB); a longer one is a failure.
     *
     * @param value from 256 bytes to 1 MiB
     * @return this builder
     * @throws IllegalArgumentException naming {@code maxResponseBytes} if out of range
     */
    public Builder maxResponseBytes(int value) {
      if (value < 256 || value > 1024 * 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be from 256 to 1048576");
      }
      this.maxResponseBytes = value;
      return this;
    }

    /**
     * Another {@code siteverify} URL: {@code https://www.recaptcha.net/recaptcha/api/siteverify}
     * where google.com is blocked, a proxy, or a test server.
     *
     * @param value an absolute {@code https} or {@code http} URL
     * @return this builder
     * @throws IllegalArgumentException naming {@code verifyUrl} if it is not one
     */
    public Builder verifyUrl(URI value) {
      Objects.requireNonNull(value, "verifyUrl must not be null");
      String scheme = value.getScheme();
      if (!value.isAbsolute()
          || value.getHost() == null
          || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("verifyUrl must be an absolute http(s) URL");
      }
      this.verifyUrl = value;
      return this;
    }

    /**
     * Whether to let requests through when the provider gives no usable answer (default {@code
     * false}: refuse them). Choosing {@code true} logs a WARN when the verifier is built and on
     * each request let through this way.
     *
     * @param value {@code true} for fail-open
     * @return this builder
     */
    public Builder failOpen(boolean value) {
      this.failOpen = value;
      return this;
    }

    /**
     * Who is told about provider failures (default: nobody).
     *
     * @param value the listener
     * @return this builder
     * @throws NullPointerException if {@code value} is null
     */
    public Builder failureListener(CaptchaFailureListener value) {
      this.failureListener = Objects.requireNonNull(value, "failureListener must not be null");
      return this;
    }

    /**
     * How long an accepted token is remembered and refused again (default 5 minutes).
     *
     * @param value from 1 second to 1 hour
     * @return this builder
     * @throws IllegalArgumentException naming {@code replayWindow} if out of range
     */
    public Builder replayWindow(Duration value) {
      Objects.requireNonNull(value, "replayWindow must not be null");
      if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("replayWindow must be from 1 second to 1 hour");
      }
      this.replayWindow = value;
      return this;
    }

    /**
     * The most accepted tokens remembered (default {@value
     * CaptchaVerifier#DEFAULT_REPLAY_CAPACITY}; when full, the oldest is forgotten first).
     *
     * @param value from 1 to 10,000,000
     * @return this builder
     * @throws IllegalArgumentException naming {@code replayCapacity} if out of range
     */
    public Builder replayCapacity(int value) {
      if (value < 1 || value > 10_000_000) {
        throw new IllegalArgumentException("replayCapacity must be from 1 to 10000000");
      }
      this.replayCapacity = value;
      return this;
    }

    /**
     * The clock of the replay window (default the system clock; give the engine's clock).
     *
     * @param value the clock
     * @return this builder
     * @throws NullPointerException if {@code value} is null
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalArgumentException naming {@code secret} if none was given, or {@code
     *     expectedAction} if reCAPTCHA v3 has none
     */
    public CaptchaVerifier build() {
      String s = secret;
      if (s == null) {
        throw new IllegalArgumentException("secret is required for " + provider.id());
      }
      if (provider == CaptchaProvider.RECAPTCHA_V3 && expectedAction == null) {
        throw new IllegalArgumentException("expectedAction is required for recaptcha-v3");
      }
      CaptchaVerifier verifier = new CaptchaVerifier(this, s);
      if (failOpen) {
        log.warn(
            "{} captcha verifier built with fail-open: when the provider fails, requests are let"
                + " through without a captcha check",
            provider.id());
      }
      return verifier;
    }

    private static String token(String value, String name, int max) {
      Objects.requireNonNull(value, name + " must not be null");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      if (value.length() > max) {
        throw new IllegalArgumentException(name + " must be at most " + max + " characters");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
          throw new IllegalArgumentException(
              name + " must not hold whitespace or control characters");
        }
      }
      return value;
    }

    private static Duration duration(Duration value, String name) {
      Objects.requireNonNull(value, name + " must not be null");
      if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(name + " must be positive and at most 1 minute");
      }
      return value;
    }
  }
}
