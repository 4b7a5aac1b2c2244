package dev.passwordreset.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the library needs to know of a customer: who, where to write, in which language, and whether
 * the account may use self-service at all. The stored password is read separately through {@link
 * CustomerStore#findPassword(CustomerId)} so that it never travels with the account.
 *
 * @param id the host's identifier
 * @param email the address the account signs in with and receives mail at; not blank, at most 320
 *     characters, no control characters (so it can never inject a mail header)
 * @param displayName the name used to greet the customer, or {@code null}; no control characters
 * @param locale the customer's language for emails and messages
 * @param enabled {@code false} for an account the host has disabled: self-service requests for it
 *     are answered like unknown ones and send nothing
 */
public record CustomerAccount(
    CustomerId id, String email, @Nullable String displayName, Locale locale, boolean enabled) {

  /**
   * Creates an account description.
   *
   * @param id the host's identifier
   * @param email the address the account signs in with and receives mail at; not blank, at most 320
   *     characters, no control characters (so it can never inject a mail header)
   * @param displayName the name used to greet the customer, or {@code null}; no control characters
   * @param locale the customer's language for emails and messages
   * @param enabled {@code false} for an account the host has disabled: self-service requests for it
   *     are answered like unknown ones and send nothing
   * @throws NullPointerException if {@code id}, {@code email} or {@code locale} is null
   * @throws IllegalArgumentException if the email is blank, too long or holds a control character,
   *     or the display name holds a control character or is longer than 200 characters
   */
  public CustomerAccount {
    Checks.notNull(id, "id");
    Checks.notBlank(email, "email");
    Checks.maxLength(email, 320, "email");
    Checks.noControlChars(email, "email");
    Checks.noControlChars(displayName, "displayName");
    if (displayName != null) {
      Checks.maxLength(displayName, 200, "displayName");
    }
    Checks.notNull(locale, "locale");
  }

  /**
   * Returns a copy with another email.
   *
   * @param newEmail the new address
   * @return the copy
   */
  public CustomerAccount withEmail(String newEmail) {
    return new CustomerAccount(id, newEmail, displayName, locale, enabled);
  }

  /**
   * Returns a copy with another enabled flag.
   *
   * @param newEnabled whether the account is enabled
   * @return the copy
   */
  public CustomerAccount withEnabled(boolean newEnabled) {
    return new CustomerAccount(id, email, displayName, locale, newEnabled);
  }
}
