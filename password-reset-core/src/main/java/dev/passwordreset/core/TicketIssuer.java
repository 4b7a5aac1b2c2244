package dev.passwordreset.core;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.internal.Tokens;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Issues links: the older links the new one supersedes revoked, a new token, its ticket saved under
 * the token's hash, and the storefront's link. Immutable; thread-safe.
 */
final class TicketIssuer {
  /**
   * The purposes of the reset-type links and codes: each lets whoever holds it choose the password.
   */
  private static final Set<TicketPurpose> RESET_TYPES =
      Collections.unmodifiableSet(
          EnumSet.of(
              TicketPurpose.SELF_SERVICE_RESET,
              TicketPurpose.PENDING_PASSWORD,
              TicketPurpose.AGENT_RESET,
              TicketPurpose.REMINDER,
              TicketPurpose.RESET_CODE));

  /**
   * Which older outstanding links of the same customer a new link revokes, by the new link's
   * purpose: the one place this is decided (SECURITY.md has the table). A newer link or code of any
   * purpose revokes the older reset-type links and codes, so only the latest email works; an
   * account-setup link is revoked only by a newer account-setup link (a resend), so a customer who
   * has not yet chosen a first password keeps the way in that the agent sent, whatever else is
   * requested meanwhile. Any password change revokes every link ({@link AccountPasswords}).
   */
  static final Map<TicketPurpose, Set<TicketPurpose>> REVOKED_BY_NEW = revokedByNew();

  private static Map<TicketPurpose, Set<TicketPurpose>> revokedByNew() {
    EnumMap<TicketPurpose, Set<TicketPurpose>> table = new EnumMap<>(TicketPurpose.class);
    table.put(TicketPurpose.SELF_SERVICE_RESET, RESET_TYPES);
    table.put(TicketPurpose.PENDING_PASSWORD, RESET_TYPES);
    table.put(TicketPurpose.AGENT_RESET, RESET_TYPES);
    table.put(TicketPurpose.REMINDER, RESET_TYPES);
    table.put(TicketPurpose.RESET_CODE, RESET_TYPES);
    table.put(
        TicketPurpose.ACCOUNT_SETUP,
        Collections.unmodifiableSet(EnumSet.allOf(TicketPurpose.class)));
    return Collections.unmodifiableMap(table);
  }

  private final TicketStore tickets;
  private final Tokens tokens;
  private final LinkTemplates links;
  private final SettingsCache settings;
  private final ResetCodeHashes codeHashes;
  private final ResetCodes codes;

  TicketIssuer(
      TicketStore tickets,
      Tokens tokens,
      LinkTemplates links,
      SettingsCache settings,
      ResetCodeHashes codeHashes,
      ResetCodes codes) {
    this.tickets = tickets;
    this.tokens = tokens;
    this.links = links;
    this.settings = settings;
    this.codeHashes = codeHashes;
    this.codes = codes;
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
   * Issues a link: the customer's outstanding tickets that the new one supersedes ({@link
   * #REVOKED_BY_NEW}) are revoked in the same store call ({@link TicketStore#saveRevoking}), at
   * once with the save where the store can.
   */
  Issued issue(
      CustomerAccount account,
      TicketPurpose purpose,
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingHash,
      Instant now) {
    return issue(
        account,
        purpose,
        storefront,
        issuedBy,
        pendingHash,
        now,
        now.plus(settings.current().linkLifetime(purpose)));
  }

  /** As above, with an expiry of the caller's (a forced change's token ends with its password). */
  Issued issue(
      CustomerAccount account,
      TicketPurpose purpose,
      @Nullable String storefront,
      @Nullable String issuedBy,
      @Nullable String pendingHash,
      Instant now,
      Instant expiresAt) {
    String template = links.templateFor(storefront);
    String token = tokens.newToken();
    Ticket ticket =
        save(
            new Ticket(
                Tokens.hash(token),
                account.id(),
                purpose,
                now,
                expiresAt,
                null,
                storefront,
                issuedBy,
                pendingHash));
    return new Issued(ticket, token, LinkTemplates.expand(template, token), account);
  }

  /**
   * Issues a reset code: as a link is issued, but the ticket is kept under the code's keyed hash
   * and lives the codes' lifetime. The storefront was checked when the code was asked for.
   */
  IssuedCode issueCode(CustomerAccount account, @Nullable String storefront, Instant now) {
    String code = codeHashes.newCode(codes.length());
    Ticket ticket =
        save(
            new Ticket(
                codeHashes.hash(account.id(), code),
                account.id(),
                TicketPurpose.RESET_CODE,
                now,
                now.plus(codes.lifetime()),
                null,
                storefront,
                null,
                null));
    return new IssuedCode(ticket, code, account);
  }

  /**
   * Saves a new ticket, revoking in the same store call the customer's older tickets that it
   * supersedes ({@link #REVOKED_BY_NEW}), at once with the save where the store can.
   */
  private Ticket save(Ticket ticket) {
    tickets.saveRevoking(ticket, REVOKED_BY_NEW.get(ticket.purpose()), ticket.issuedAt());
    return ticket;
  }

  /** A saved code ticket with its code, which exists nowhere else. */
  record IssuedCode(Ticket ticket, String code, CustomerAccount account) {

    Notification notification() {
      return new Notification(
          NotificationType.RESET_CODE,
          account.id(),
          account.email(),
          account.displayName(),
          account.locale(),
          null,
          ticket.expiresAt(),
          ticket.storefront(),
          code);
    }

    @Override
    public String toString() {
      return "IssuedCode[" + ticket + "]"; // never the code
    }
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
