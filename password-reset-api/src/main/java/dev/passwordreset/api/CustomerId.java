package dev.passwordreset.api;

/**
 * The host's identifier of a customer account, as its own customer table knows it.
 *
 * @param value the identifier; not blank, at most 255 characters, no control characters
 */
public record CustomerId(String value) {

  /**
   * Creates an identifier.
   *
   * @param value the identifier; not blank, at most 255 characters, no control characters
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank, longer than 255 characters or holds
   *     a control character
   */
  public CustomerId {
    Checks.notBlank(value, "customerId");
    Checks.maxLength(value, 255, "customerId");
    Checks.noControlChars(value, "customerId");
  }

  /**
   * Shorthand for {@code new CustomerId(value)}.
   *
   * @param value the identifier
   * @return the identifier
   * @throws IllegalArgumentException as the constructor
   */
  public static CustomerId of(String value) {
    return new CustomerId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
