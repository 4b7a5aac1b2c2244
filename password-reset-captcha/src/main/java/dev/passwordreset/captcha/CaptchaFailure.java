package dev.passwordreset.captcha;

import java.util.Objects;

/**
 * The captcha provider could not give a usable answer: what a {@link CaptchaFailureListener}
 * receives. A refused captcha (the provider answered {@code success: false}, or the hostname,
 * action or score did not match) is not a failure: the engine reports it as {@code CAPTCHA_FAILED}.
 *
 * @param provider the provider that failed
 * @param reason what went wrong
 * @param failedOpen {@code true} if the verifier let the request through anyway (fail-open was
 *     chosen), {@code false} if it refused it (the default, fail-closed)
 */
public record CaptchaFailure(CaptchaProvider provider, Reason reason, boolean failedOpen) {

  /**
   * Creates a failure.
   *
   * @param provider the provider that failed
   * @param reason what went wrong
   * @param failedOpen whether the request was let through
   * @throws NullPointerException if {@code provider} or {@code reason} is null
   */
  public CaptchaFailure {
    Objects.requireNonNull(provider, "provider must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
  }

  /** What went wrong when the provider was asked. */
  public enum Reason {
    /** No complete answer within the connect or total timeout. */
    TIMEOUT("timeout"),
    /** The connection failed (refused, reset, unknown host, TLS). */
    NETWORK("network"),
    /** The provider answered an HTTP status other than 200 (a 5xx, a redirect...). */
    HTTP_STATUS("http-status"),
    /** The answer was longer than the configured maximum. */
    OVERSIZED("oversized"),
    /** The answer was not the JSON object the provider documents. */
    MALFORMED("malformed"),
    /**
     * The provider refused the secret or site key ({@code missing-input-secret}, {@code
     * invalid-input-secret}, {@code sitekey-secret-mismatch}...): a configuration error. Always
     * refused, even with fail-open.
     */
    MISCONFIGURED("misconfigured");

    private final String tag;

    Reason(String tag) {
      this.tag = tag;
    }

    /**
     * The reason's short name, as in a metric tag: {@code timeout}, {@code network}, {@code
     * http-status}, {@code oversized}, {@code malformed} or {@code misconfigured}.
     *
     * @return the name, never null
     */
    public String tag() {
      return tag;
    }
  }
}
