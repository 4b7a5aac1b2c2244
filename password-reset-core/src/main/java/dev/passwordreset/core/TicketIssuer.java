package dev.passwordreset.core;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.internal.Tokens;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Issues links: a new token, its ticket saved under the token's hash, and the storefront's link.
 * Immutable; thread-safe.
 */
final class TicketIssuer {
  private final TicketStore tickets;
  private final Tokens tokens;
  private final LinkTemplates links;
  private final SettingsCache settings;

  TicketIssuer(TicketStore tickets, Tokens tokens, LinkTemplates links, SettingsCache settings) {
    this.tickets = tickets;
    this.tokens = tokens;
    this.links = links;
    this.settings = settings;
  }

  /**
   * Throws at once, on the caller's thread, for a storefront that was not configured.
   *
   * @throws IllegalArgumentException naming the storefront and the configured ones
   */
  void requireStorefront(@Nullable String storefront) {
    links.templateFor(storefront);
  }

  /**
   * Issues a link; the customer's outstanding tickets with a purpose in {@code revoke} are revoked
   * in the same store call ({@link TicketStore#saveRevoking}), at once with the save where the
   * store can.
   */
  Issued issue(
      CustomerAccount account,
      TicketPurpose purpose,
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingHash,
      Set<TicketPurpose> revoke,
      Instant now) {
    String template = links.templateFor(storefront);
    String token = tokens.newToken();
    Ticket ticket =
        new Ticket(
            Tokens.hash(token),
            account.id(),
            purpose,
            now,
            now.plus(settings.current().linkLifetime(purpose)),
            null,
            storefront,
            issuedBy,
            pendingHash);
    tickets.saveRevoking(ticket, revoke, now);
    return new Issued(ticket, token, LinkTemplates.expand(template, token), account);
  }

  /** A saved ticket with its token and link, which exist nowhere else. */
  record Issued(Ticket ticket, String token, String link, CustomerAccount account) {

    Notification notification(NotificationType type) {
      return new Notification(
          type,
          account.id(),
          account.email(),
          account.displayName(),
          account.locale(),
          link,
          ticket.expiresAt(),
          ticket.storefront());
    }

    @Override
    public String toString() {
      return "Issued[" + ticket + "]"; // never the token or the link
    }
  }
}
