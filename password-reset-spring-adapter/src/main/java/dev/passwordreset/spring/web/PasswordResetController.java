package dev.passwordreset.spring.web;

import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.spring.CaptchaSiteKey;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON endpoints for the storefront's self-service flows, under {@code
 * password-reset.web.base-path} (default {@code /password-reset}). Registered only with {@code
 * password-reset.web.enabled=true}.
 *
 * <ul>
 *   <li>{@code POST /request} {@code {email, captcha?, storefront?}}: 202 whatever the email; 400
 *       {@code captcha-failed}; 429 with {@code Retry-After}.
 *   <li>{@code POST /check} {@code {token}}: 200 with the link's purpose and expiry; 410 for a used
 *       or expired link; 404 for an unknown one; 429 with {@code Retry-After} when the client has
 *       presented too many bad links (the link was not looked up). Never uses the link up.
 *   <li>{@code POST /complete} {@code {token, password}}: 200; 400 with the policy violations (the
 *       link still works); 410; 404; 429.
 *   <li>{@code POST /request-with-password} {@code {email, password, captcha?, storefront?}}: 202;
 *       400 with the violations; 400 {@code captcha-failed}; 429.
 *   <li>{@code POST /confirm} {@code {token, password}}: the password typed again on the link's
 *       page; 200; 400 {@code password-rejected} with the single violation {@code
 *       confirmation-mismatch} when it is not the password chosen (nothing activated, the link
 *       still works); 410; 404; 429.
 *   <li>{@code POST /request-code} {@code {email, captcha?, storefront?}}: "send me a code
 *       instead", the same answers as {@code /request}.
 *   <li>{@code POST /complete-with-code} {@code {email, code, password}}: 200; 400 with the policy
 *       violations (the code still works); 400 {@code invalid-code}, one answer whatever is wrong
 *       (wrong, used, expired, replaced or dead code, or no code or account for the email); 429.
 *   <li>{@code GET /policy}: the password rules, in the request's language, to show before typing.
 * </ul>
 *
 * <p>Tokens and codes travel only in POST bodies (never in a URL, so never in an access log), and
 * only a POST can use a link up: a mail scanner that prefetches the emailed link with GET or HEAD
 * reaches the host's page, not these endpoints. No answer echoes a token, a code or a password;
 * every answer is {@code Cache-Control: no-store}. The client address is {@link
 * HttpServletRequest#getRemoteAddr()}, which honours Spring's forwarded-header handling when the
 * host turns it on ({@code server.forward-headers-strategy}).
 *
 * <p>Agent operations (reset button, manual entry, reminder, settings) are not exposed here: see
 * the README for exposing them behind the host's own security. Thread-safe.
 */
@RestController
@RequestMapping("${password-reset.web.base-path:/password-reset}")
public class PasswordResetController {
  private static final int MAX_EMAIL_LENGTH = 320;
  private static final int MAX_TOKEN_LENGTH = 512;

  /**
   * Longer than any code core reads (it refuses a typed code of more than 64 characters), so that
   * cutting a longer text here never turns it into one core would read.
   */
  private static final int MAX_CODE_LENGTH = 128;

  private static final Logger log = LoggerFactory.getLogger(PasswordResetController.class);

  private final PasswordResetService service;
  private final @Nullable Set<String> storefronts;
  private final Captcha captcha;

  /**
   * Creates the controller. A request naming a storefront the engine does not know is refused by
   * the engine (400 {@code unknown-storefront}).
   *
   * @param service the service doing the work
   */
  public PasswordResetController(PasswordResetService service) {
    this(service, null);
  }

  /**
   * Creates the controller that knows the configured storefronts, and so refuses a request naming
   * another one before calling the service (400 {@code unknown-storefront}, and a WARN log line).
   *
   * @param service the service doing the work
   * @param storefronts the names of the configured storefronts besides the default one, or {@code
   *     null} to leave the check to the service
   */
  public PasswordResetController(PasswordResetService service, @Nullable Set<String> storefronts) {
    this(service, storefronts, null);
  }

  /**
   * Creates the controller that also tells the page which captcha widget to show ({@code GET
   * /captcha}).
   *
   * @param service the service doing the work
   * @param storefronts the names of the configured storefronts besides the default one, or {@code
   *     null} to leave the check to the service
   * @param captcha the configured captcha's provider and site key, or {@code null} if none
   */
  public PasswordResetController(
      PasswordResetService service,
      @Nullable Set<String> storefronts,
      @Nullable CaptchaSiteKey captcha) {
    this.service = Objects.requireNonNull(service, "service must not be null");
    this.storefronts = storefronts == null ? null : Set.copyOf(storefronts);
    this.captcha =
        captcha == null
            ? new Captcha("none", null)
            : new Captcha(captcha.provider(), captcha.siteKey());
  }

  /**
   * "Forgot your password?": emails a link to a known, enabled customer.
   *
   * @param body the email, and optionally the captcha's answer and the storefront
   * @param http the request
   * @return 202 (the same for every email), 400 for a failed captcha, 429 when throttled
   */
  @PostMapping("/request")
  public ResponseEntity<Object> request(@RequestBody EmailRequest body, HttpServletRequest http) {
    String email = required(body.email(), "email");
    return requested(
        service.requestReset(
            bounded(email, MAX_EMAIL_LENGTH), context(http, body.captcha(), body.storefront())));
  }

  /**
   * "Send me a code instead": emails a short code to a known, enabled customer, to type where the
   * reset was asked for.
   *
   * @param body the email, and optionally the captcha's answer and the storefront
   * @param http the request
   * @return 202 (the same for every email), 400 for a failed captcha, 429 when throttled
   */
  @PostMapping("/request-code")
  public ResponseEntity<Object> requestCode(
      @RequestBody EmailRequest body, HttpServletRequest http) {
    String email = required(body.email(), "email");
    return requested(
        service.requestResetCode(
            bounded(email, MAX_EMAIL_LENGTH), context(http, body.captcha(), body.storefront())));
  }

  /**
   * Sets the new password with the emailed code.
   *
   * @param body the email the code was asked for, the code as typed and the new password
   * @param http the request
   * @return 200; 400 with the violations (the code still works); 400 {@code invalid-code}, the same
   *     whatever is wrong with the email or the code; 429
   */
  @PostMapping("/complete-with-code")
  public ResponseEntity<Object> completeWithCode(
      @RequestBody CodeRequest body, HttpServletRequest http) {
    char[] password = body.password() == null ? new char[0] : body.password();
    try {
      String email = bounded(required(body.email(), "email"), MAX_EMAIL_LENGTH);
      String code = bounded(required(body.code(), "code"), MAX_CODE_LENGTH);
      return reset(service.completeResetWithCode(email, code, password, context(http)));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Whether a link works, to render its page. Never uses it up.
   *
   * @param body the token
   * @param http the request
   * @return 200 with the purpose and expiry, 410 for a used or expired link, 404 for an unknown
   *     one, 429 with {@code Retry-After} when the client has presented too many bad links
   */
  @PostMapping("/check")
  public ResponseEntity<Object> check(@RequestBody TokenRequest body, HttpServletRequest http) {
    TokenCheck check =
        service.checkToken(
            bounded(required(body.token(), "token"), MAX_TOKEN_LENGTH), context(http));
    if (check instanceof TokenCheck.Valid v) {
      return ok(new ValidLink(v.purpose(), v.expiresAt()));
    }
    if (check instanceof TokenCheck.Throttled t) {
      return throttled(t.retryAfter());
    }
    return invalid(((TokenCheck.Invalid) check).reason());
  }

  /**
   * Sets the new password chosen on the link's page.
   *
   * @param body the token and the new password
   * @param http the request
   * @return 200, 400 with the violations, 410, 404, or 429
   */
  @PostMapping("/complete")
  public ResponseEntity<Object> complete(
      @RequestBody CompleteRequest body, HttpServletRequest http) {
    char[] password = body.password() == null ? new char[0] : body.password();
    try {
      String token = bounded(required(body.token(), "token"), MAX_TOKEN_LENGTH);
      return reset(service.completeReset(token, password, context(http)));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Set-then-confirm, step 1: checks the new password at once and emails a link that activates it.
   *
   * @param body the email, the new password, and optionally the captcha's answer and the storefront
   * @param http the request
   * @return 202 (the same for every email), 400 with the violations or for a failed captcha, 429
   */
  @PostMapping("/request-with-password")
  public ResponseEntity<Object> requestWithPassword(
      @RequestBody PendingRequest body, HttpServletRequest http) {
    char[] password = body.password() == null ? new char[0] : body.password();
    try {
      String email = required(body.email(), "email");
      PendingOutcome outcome =
          service.requestResetWithPassword(
              bounded(email, MAX_EMAIL_LENGTH),
              password,
              context(http, body.captcha(), body.storefront()));
      if (outcome instanceof PendingOutcome.Rejected r) {
        return rejected(r.violations());
      }
      if (outcome instanceof PendingOutcome.Throttled t) {
        return throttled(t.retryAfter());
      }
      if (outcome instanceof PendingOutcome.CaptchaFailed) {
        return captchaFailed();
      }
      return accepted();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Set-then-confirm, step 2: the link's page asks for the chosen password again; its confirm
   * button activates the pending password only if they match.
   *
   * @param body the token and the password typed again
   * @param http the request
   * @return 200, 400 with the {@code confirmation-mismatch} violation, 410, 404, or 429
   */
  @PostMapping("/confirm")
  public ResponseEntity<Object> confirm(@RequestBody ConfirmRequest body, HttpServletRequest http) {
    char[] password = body.password() == null ? new char[0] : body.password();
    try {
      String token = bounded(required(body.token(), "token"), MAX_TOKEN_LENGTH);
      return reset(service.confirmReset(token, password, context(http)));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * The password rules, to show before the customer types.
   *
   * @param http the request (its {@code Accept-Language} picks the language)
   * @return 200 with the description
   */
  @GetMapping("/policy")
  public ResponseEntity<Object> policy(HttpServletRequest http) {
    Locale locale =
        http.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? Locale.ENGLISH : http.getLocale();
    PolicyDescription description = service.describePolicy(locale);
    return ok(description);
  }

  /**
   * The captcha widget the page shows before "Forgot your password?": the provider and its public
   * site key, or provider {@code none}.
   *
   * @return 200 with the provider and site key
   */
  @GetMapping("/captcha")
  public ResponseEntity<Object> captcha() {
    return ok(captcha);
  }

  /** The answer to {@code /request} and {@code /request-code}. */
  private static ResponseEntity<Object> requested(RequestOutcome outcome) {
    if (outcome instanceof RequestOutcome.Throttled t) {
      return throttled(t.retryAfter());
    }
    if (outcome instanceof RequestOutcome.CaptchaFailed) {
      return captchaFailed();
    }
    return accepted();
  }

  private ResponseEntity<Object> reset(ResetOutcome outcome) {
    if (outcome instanceof ResetOutcome.Completed c) {
      return ok(new Completed(c.signIn()));
    }
    if (outcome instanceof ResetOutcome.Rejected r) {
      return rejected(r.violations());
    }
    if (outcome instanceof ResetOutcome.InvalidToken i) {
      return invalid(i.reason());
    }
    if (outcome instanceof ResetOutcome.InvalidCode) {
      return answer(HttpStatus.BAD_REQUEST, new Problem("invalid-code"));
    }
    return throttled(((ResetOutcome.Throttled) outcome).retryAfter());
  }

  private RequestContext context(HttpServletRequest http) {
    return context(http, null, null);
  }

  private RequestContext context(
      HttpServletRequest http, @Nullable Object captchaField, @Nullable Object storefrontField) {
    String captcha = optional(captchaField, "captcha");
    String storefront = optional(storefrontField, "storefront");
    if (storefront != null && storefront.isBlank()) {
      storefront = null;
    }
    if (storefront != null && storefronts != null && !storefronts.contains(storefront)) {
      log.warn(
          "password-reset web: a request named the storefront '{}', which is not configured"
              + " (configured: {}); answered 400 unknown-storefront",
          bounded(storefront, 64).replaceAll("\\p{Cntrl}", " "),
          new TreeSet<>(storefronts));
      throw new WebRequestException(
          HttpStatus.BAD_REQUEST,
          "unknown-storefront",
          "storefront",
          "This store is not set up for password help. Please use the main shop's page.");
    }
    Locale locale = http.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? null : http.getLocale();
    return new RequestContext(
        http.getRemoteAddr(),
        http.getHeader(HttpHeaders.USER_AGENT), // RequestContext makes any header safe
        locale,
        captcha,
        storefront);
  }

  /** A text field the request must have: a JSON string. */
  private static String required(@Nullable Object value, String field) {
    String text = optional(value, field);
    if (text == null) {
      throw new WebRequestException(
          HttpStatus.BAD_REQUEST, "bad-request", field, "The field " + field + " is missing.");
    }
    return text;
  }

  /** A text field the request may have: absent, null, or a JSON string. */
  private static @Nullable String optional(@Nullable Object value, String field) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new WebRequestException(
        HttpStatus.BAD_REQUEST, "bad-request", field, "The field " + field + " must be a string.");
  }

  /**
   * Any text goes to the service, which answers like for an unknown one; only its size is bounded.
   */
  private static String bounded(@Nullable String value, int max) {
    if (value == null) {
      return "";
    }
    return value.length() > max ? value.substring(0, max) : value;
  }

  private static ResponseEntity<Object> accepted() {
    return answer(HttpStatus.ACCEPTED, new Status("accepted"));
  }

  private static ResponseEntity<Object> captchaFailed() {
    return answer(HttpStatus.BAD_REQUEST, new Problem("captcha-failed"));
  }

  private static ResponseEntity<Object> rejected(List<PolicyViolation> violations) {
    return answer(HttpStatus.BAD_REQUEST, new Violations("password-rejected", violations));
  }

  private static ResponseEntity<Object> invalid(InvalidReason reason) {
    HttpStatus status = reason == InvalidReason.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.GONE;
    return answer(status, new InvalidLink("invalid-link", reason));
  }

  private static ResponseEntity<Object> throttled(Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .body(new Throttled("throttled", seconds));
  }

  private static ResponseEntity<Object> ok(Object body) {
    return answer(HttpStatus.OK, body);
  }

  private static ResponseEntity<Object> answer(HttpStatus status, Object body) {
    return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
  }

  /**
   * Body of {@code /request}.
   *
   * @param email the email as typed: a JSON string (missing, {@code null} or another type is 400)
   * @param captcha the captcha widget's answer (a JSON string), or {@code null}
   * @param storefront the storefront's name (a JSON string), or {@code null} for the default one
   */
  public record EmailRequest(
      @Nullable Object email, @Nullable Object captcha, @Nullable Object storefront) {}

  /**
   * Body of {@code /request-with-password}.
   *
   * @param email the email as typed: a JSON string (missing, {@code null} or another type is 400)
   * @param password the wanted password; cleared after use
   * @param captcha the captcha widget's answer (a JSON string), or {@code null}
   * @param storefront the storefront's name (a JSON string), or {@code null} for the default one
   */
  public record PendingRequest(
      @Nullable Object email,
      char @Nullable [] password,
      @Nullable Object captcha,
      @Nullable Object storefront) {

    /** Leaves the password out. */
    @Override
    public String toString() {
      return "PendingRequest[storefront=" + storefront + "]";
    }
  }

  /**
   * Body of {@code /check}.
   *
   * @param token the token from the link: a JSON string (missing, {@code null} or another type is
   *     400)
   */
  public record TokenRequest(@Nullable Object token) {

    /** Leaves the token out. */
    @Override
    public String toString() {
      return "TokenRequest[<redacted>]";
    }
  }

  /**
   * Body of {@code /confirm}.
   *
   * @param token the token from the link: a JSON string (missing, {@code null} or another type is
   *     400)
   * @param password the password chosen in step 1, typed again; cleared after use
   */
  public record ConfirmRequest(@Nullable Object token, char @Nullable [] password) {

    /** Leaves the token and the password out. */
    @Override
    public String toString() {
      return "ConfirmRequest[<redacted>]";
    }
  }

  /**
   * Body of {@code /complete}.
   *
   * @param token the token from the link: a JSON string (missing, {@code null} or another type is
   *     400)
   * @param password the new password; cleared after use
   */
  public record CompleteRequest(@Nullable Object token, char @Nullable [] password) {

    /** Leaves the token and the password out. */
    @Override
    public String toString() {
      return "CompleteRequest[<redacted>]";
    }
  }

  /**
   * Body of {@code /complete-with-code}.
   *
   * @param email the email the code was asked for: a JSON string (missing, {@code null} or another
   *     type is 400)
   * @param code the code as typed, spaces and dashes allowed: a JSON string (missing, {@code null}
   *     or another type is 400)
   * @param password the new password; cleared after use
   */
  public record CodeRequest(
      @Nullable Object email, @Nullable Object code, char @Nullable [] password) {

    /** Leaves the code and the password out. */
    @Override
    public String toString() {
      return "CodeRequest[<redacted>]";
    }
  }

  /**
   * Answer of {@code /request}, {@code /request-code} and {@code /request-with-password}.
   *
   * @param status always {@code accepted}
   */
  public record Status(String status) {}

  /**
   * A refusal without details.
   *
   * @param error {@code captcha-failed}, or {@code invalid-code} when the email and the code do not
   *     open a reset (the same whatever the reason)
   */
  public record Problem(String error) {}

  /**
   * A request the endpoints cannot take: a field missing or of the wrong type, an unknown
   * storefront, malformed JSON, a wrong method or media type.
   *
   * @param error {@code bad-request}, {@code unknown-storefront}, {@code malformed-request}, {@code
   *     method-not-allowed}, {@code unsupported-media-type}, {@code not-found} or {@code
   *     internal-error}
   * @param field the request's field to blame, or {@code null} when none is
   * @param message what is wrong, in words a front end may show; never echoes the input
   */
  public record RequestProblem(String error, @Nullable String field, String message) {}

  /**
   * A password that breaks the policy.
   *
   * @param error {@code password-rejected}
   * @param violations each broken rule, with guidance in the request's language
   */
  public record Violations(String error, List<PolicyViolation> violations) {}

  /**
   * A link that does not work.
   *
   * @param error {@code invalid-link}
   * @param reason {@code UNKNOWN} (404), {@code EXPIRED} or {@code USED} (410)
   */
  public record InvalidLink(String error, InvalidReason reason) {}

  /**
   * Too many requests from this client.
   *
   * @param error {@code throttled}
   * @param retryAfterSeconds as in the {@code Retry-After} header
   */
  public record Throttled(String error, long retryAfterSeconds) {}

  /**
   * A working link.
   *
   * @param purpose what it is for ({@code PENDING_PASSWORD} links take {@code /confirm}, the others
   *     {@code /complete})
   * @param expiresAt when it stops working
   */
  public record ValidLink(TicketPurpose purpose, Instant expiresAt) {}

  /**
   * A completed reset.
   *
   * @param signIn whether the host should sign the customer in now
   */
  public record Completed(boolean signIn) {}

  /**
   * The body of {@code GET /captcha}.
   *
   * @param provider {@code turnstile}, {@code hcaptcha}, {@code recaptcha}, {@code recaptcha-v3},
   *     or {@code none}
   * @param siteKey the widget's public site key, or {@code null} with {@code none}
   */
  public record Captcha(String provider, @Nullable String siteKey) {}
}
