package dev.passwordreset.api;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One email to deliver. The {@code link} (or, for {@link NotificationType#RESET_CODE}, the {@code
 * code}) is a live credential until it is used or expires: a {@link Notifier} must never log it.
 * {@link #toString()} leaves it out.
 *
 * @param type what kind of email
 * @param customerId the recipient's account
 * @param email the recipient's address
 * @param displayName the recipient's name, or {@code null}
 * @param locale the language to write in
 * @param link the single-use link, or {@code null} for {@link NotificationType#PASSWORD_CHANGED}
 * @param linkExpiresAt when the link stops working, or {@code null} when there is no link
 * @param storefront the storefront the link belongs to, or {@code null} for the default one
 * @param code the reset code to type, for {@link NotificationType#RESET_CODE} only, else {@code
 *     null}; its expiry is {@code linkExpiresAt}
 */
public record Notification(
    NotificationType type,
    CustomerId customerId,
    String email,
    @Nullable String displayName,
    Locale locale,
    @Nullable String link,
    @Nullable Instant linkExpiresAt,
    @Nullable String storefront,
    @Nullable String code) {

  /**
   * Creates a notification.
   *
   * @param type what kind of email
   * @param customerId the recipient's account
   * @param email the recipient's address
   * @param displayName the recipient's name, or {@code null}
   * @param locale the language to write in
   * @param link the single-use link, or {@code null} for {@link NotificationType#PASSWORD_CHANGED}
   * @param linkExpiresAt when the link stops working, or {@code null} when there is no link
   * @param storefront the storefront the link belongs to, or {@code null} for the default one
   * @param code the reset code to type, for {@link NotificationType#RESET_CODE} only, else {@code
   *     null}; its expiry is {@code linkExpiresAt}
   * @throws IllegalArgumentException if a link-bearing type has no link or expiry, {@link
   *     NotificationType#RESET_CODE} no code or expiry, or a type carries a link or code it must
   *     not
   */
  public Notification {
    Checks.notNull(type, "type");
    Checks.notNull(customerId, "customerId");
    Checks.notBlank(email, "email");
    Checks.noControlChars(email, "email");
    Checks.noControlChars(displayName, "displayName");
    Checks.notNull(locale, "locale");
    boolean isCode = type == NotificationType.RESET_CODE;
    boolean needsLink = type != NotificationType.PASSWORD_CHANGED && !isCode;
    if (needsLink && (link == null || linkExpiresAt == null)) {
      throw new IllegalArgumentException(type + " needs a link and its expiry");
    }
    if (!needsLink && (link != null || (!isCode && linkExpiresAt != null))) {
      throw new IllegalArgumentException(type + " must not carry a link");
    }
    if (isCode && (code == null || code.isBlank() || linkExpiresAt == null)) {
      throw new IllegalArgumentException(type + " needs a code and its expiry");
    }
    if (!isCode && code != null) {
      throw new IllegalArgumentException(type + " must not carry a code");
    }
  }

  /**
   * Creates a notification without a code: every type but {@link NotificationType#RESET_CODE}.
   *
   * @param type what kind of email; not {@link NotificationType#RESET_CODE}
   * @param customerId the recipient's account
   * @param email the recipient's address
   * @param displayName the recipient's name, or {@code null}
   * @param locale the language to write in
   * @param link the single-use link, or {@code null} for {@link NotificationType#PASSWORD_CHANGED}
   * @param linkExpiresAt when the link stops working, or {@code null} when there is no link
   * @param storefront the storefront the link belongs to, or {@code null} for the default one
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public Notification(
      NotificationType type,
      CustomerId customerId,
      String email,
      @Nullable String displayName,
      Locale locale,
      @Nullable String link,
      @Nullable Instant linkExpiresAt,
      @Nullable String storefront) {
    this(type, customerId, email, displayName, locale, link, linkExpiresAt, storefront, null);
  }

  /** Leaves the link and the code out: they are credentials. */
  @Override
  public String toString() {
    return "Notification[type="
        + type
        + ", customerId="
        + customerId
        + ", locale="
        + locale
        + ", link="
        + (link == null ? "none" : "<redacted>")
        + ", linkExpiresAt="
        + linkExpiresAt
        + ", storefront="
        + storefront
        + (code == null ? "" : ", code=<redacted>")
        + "]";
  }
}
