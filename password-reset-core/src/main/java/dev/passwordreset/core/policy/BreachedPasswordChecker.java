package dev.passwordreset.core.policy;

import dev.passwordreset.api.PasswordResetException;

/**
 * SPI: tells how often a password appears in known data breaches, for {@link BreachedPasswordRule}.
 * The library ships {@link HaveIBeenPwnedClient} (the Have I Been Pwned range API, with
 * k-anonymity); a host may plug in its own corpus or an internal mirror.
 *
 * <p>Implementations must be thread-safe, must not modify, keep or log the password, and must never
 * send it, or an unsalted hash of it whole, outside the process.
 */
@FunctionalInterface
public interface BreachedPasswordChecker {

  /**
   * How many times the password appears in known breaches.
   *
   * @param password the password, NFKC-normalized by the engine; not modified
   * @return the number of appearances; 0 if it was never seen
   * @throws PasswordResetException if the answer cannot be had (service down, timeout, bad answer);
   *     {@link BreachedPasswordRule} then fails open or closed, as configured
   */
  long breachCount(char[] password);
}
