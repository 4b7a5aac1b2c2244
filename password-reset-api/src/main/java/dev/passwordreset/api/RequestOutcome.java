package dev.passwordreset.api;

import java.time.Duration;

/**
 * The answer to a self-service reset request. {@link Accepted} is given for known, unknown,
 * disabled and per-account-throttled emails alike, so the answer reveals nothing.
 */
public sealed interface RequestOutcome
    permits RequestOutcome.Accepted, RequestOutcome.CaptchaFailed, RequestOutcome.Throttled {

  /** The request was taken; show the same confirmation whatever the email was. */
  record Accepted() implements RequestOutcome {}

  /** The configured {@link HumanVerifier} refused the captcha response; nothing was done. */
  record CaptchaFailed() implements RequestOutcome {}

  /**
   * Too many requests from this client address; nothing was done.
   *
   * @param retryAfter how long until the client may try again; positive
   */
  record Throttled(Duration retryAfter) implements RequestOutcome {
    /**
     * Creates the outcome; {@code retryAfter} must be positive.
     *
     * @param retryAfter how long until the client may try again; positive
     */
    public Throttled {
      Outcomes.positive(retryAfter);
    }
  }
}
