package dev.passwordreset.api;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One email to deliver. The {@code link} is a live credential until it is used or expires: a {@link
 * Notifier} must never log it. {@link #toString()} leaves it out.
 *
 * @param type what kind of email
 * @param customerId the recipient's account
 * @param email the recipient's address
 * @param displayName the recipient's name, or {@code null}
 * @param locale the language to write in
 * @param link the single-use link, or {@code null} for {@link NotificationType#PASSWORD_CHANGED}
 * @param linkExpiresAt when the link stops working, or {@code null} when there is no link
 * @param storefront the storefront the link belongs to, or {@code null} for the default one
 */
public record Notification(
    NotificationType type,
    CustomerId customerId,
    String email,
    @Nullable String displayName,
    Locale locale,
    @Nullable String link,
    @Nullable Instant linkExpiresAt,
    @Nullable String storefront) {

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
   * @throws IllegalArgumentException if a link-bearing type has no link or expiry, or {@link
   *     NotificationType#PASSWORD_CHANGED} has one
   */
  public Notification {
    Checks.notNull(type, "type");
    Checks.notNull(customerId, "customerId");
    Checks.notBlank(email, "email");
    Checks.noControlChars(email, "email");
    Checks.noControlChars(displayName, "displayName");
    Checks.notNull(locale, "locale");
    boolean needsLink = type != NotificationType.PASSWORD_CHANGED;
    if (needsLink && (link == null || linkExpiresAt == null)) {
      throw new IllegalArgumentException(type + " needs a link and its expiry");
    }
    if (!needsLink && (link != null || linkExpiresAt != null)) {
      throw new IllegalArgumentException(type + " must not carry a link");
    }
  }

  /** Leaves the link out: it is a credential. */
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
        + "]";
  }
}
