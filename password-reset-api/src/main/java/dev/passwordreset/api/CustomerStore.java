package dev.passwordreset.api;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * SPI: the host's customer table, as the library needs it. The host implements it over its own
 * storage (or uses the reference JDBC one); {@code password-reset-testkit}'s {@code
 * CustomerStoreContract} tells whether an implementation is right.
 *
 * <p>Implementations must be thread-safe. They hold no rules: the engine decides everything and
 * calls these methods only to read and write. Infrastructure failures are thrown as {@link
 * PasswordResetException}; an absent customer is {@link Optional#empty()}, never an exception.
 */
public interface CustomerStore {

  /**
   * Finds a customer by email.
   *
   * @param normalizedEmail the email as {@link #normalizeEmail(String)} returns it; implementations
   *     must compare it with their stored emails normalized the same way (e.g. case-insensitively)
   * @return the customer, or empty if no account uses that email
   * @throws PasswordResetException if the storage fails
   */
  Optional<CustomerAccount> findByEmail(String normalizedEmail);

  /**
   * Finds a customer by identifier.
   *
   * @param id the identifier
   * @return the customer, or empty if there is none
   * @throws PasswordResetException if the storage fails
   */
  Optional<CustomerAccount> findById(CustomerId id);

  /**
   * Reads a customer's stored password.
   *
   * @param id the customer
   * @return the stored hash, or empty if the customer does not exist or has no password yet (e.g. a
   *     new account awaiting setup)
   * @throws PasswordResetException if the storage fails
   */
  Optional<StoredPassword> findPassword(CustomerId id);

  /**
   * Replaces a customer's stored password, durably, before returning.
   *
   * @param id the customer
   * @param password the new hash and its temporary window
   * @return {@code true} if stored, {@code false} if the customer does not exist
   * @throws PasswordResetException if the storage fails (then the old password must still be in
   *     force)
   */
  boolean updatePassword(CustomerId id, StoredPassword password);

  /**
   * Replaces a customer's stored password only if it is still {@code expected}: used for the
   * transparent re-hash after a login, so that a re-hash can never overwrite a password that was
   * changed in the meantime. The default implementation reads then writes (not atomic across
   * nodes); stores that can should override it with one conditional update.
   *
   * @param id the customer
   * @param expected the stored password the caller read
   * @param replacement the new stored password
   * @return {@code true} if replaced; {@code false} if the customer does not exist or the stored
   *     hash is no longer {@code expected}'s
   * @throws PasswordResetException if the storage fails
   */
  default boolean replacePassword(
      CustomerId id, StoredPassword expected, StoredPassword replacement) {
    Optional<StoredPassword> current = findPassword(id);
    if (current.isEmpty() || !current.get().hash().equals(expected.hash())) {
      return false;
    }
    return updatePassword(id, replacement);
  }

  /**
   * The one normalization of emails that the engine and every store share: Unicode NFKC, trimmed,
   * lower-cased with {@link Locale#ROOT}. A store that keeps emails in another form must compare
   * through this function.
   *
   * @param email an email as typed
   * @return the normalized form
   * @throws NullPointerException if {@code email} is null
   */
  static String normalizeEmail(String email) {
    Checks.notNull(email, "email");
    return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
