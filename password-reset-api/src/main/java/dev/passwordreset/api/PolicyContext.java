package dev.passwordreset.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PasswordPolicy} may know of the person choosing a password.
 *
 * @param email the account's email, or the email typed on a set-then-confirm form (the account may
 *     not exist), or {@code null} when unknown
 * @param displayName the customer's name, or {@code null}
 * @param locale the language for the violation messages
 */
public record PolicyContext(@Nullable String email, @Nullable String displayName, Locale locale) {

  /**
   * Creates a context; {@code locale} must not be null.
   *
   * @param email the account's email, or the email typed on a set-then-confirm form (the account
   *     may not exist), or {@code null} when unknown
   * @param displayName the customer's name, or {@code null}
   * @param locale the language for the violation messages
   */
  public PolicyContext {
    Checks.notNull(locale, "locale");
  }

  /**
   * The context of a known customer.
   *
   * @param account the customer
   * @param locale the language for messages
   * @return the context
   */
  public static PolicyContext of(CustomerAccount account, Locale locale) {
    return new PolicyContext(account.email(), account.displayName(), locale);
  }
}
