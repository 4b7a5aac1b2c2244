package dev.passwordreset.examples.storefront;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's own access to its customer table, for what the library does not do: list, search and
 * create customers. (Passwords are only ever written by the library, through its {@link
 * CustomerStore}.)
 *
 * <p>Thread-safe.
 */
@Component
public class DemoCustomers {

  /**
   * One customer as the back office lists it.
   *
   * @param id the id
   * @param email the email
   * @param displayName the name, if any
   * @param locale the language tag
   * @param enabled whether the account may sign in
   * @param hasPassword whether a password is set
   * @param temporaryUntil when a temporary password expires, if it is one
   * @param homeStore {@code shop} or {@code b2b}
   */
  public record Row(
      String id,
      String email,
      @Nullable String displayName,
      String locale,
      boolean enabled,
      boolean hasPassword,
      @Nullable OffsetDateTime temporaryUntil,
      String homeStore) {

    /**
     * The name to show.
     *
     * @return the display name, else the email
     */
    public String name() {
      return displayName == null || displayName.isBlank() ? email : displayName;
    }
  }

  private static final String COLUMNS =
      "id, email, display_name, locale, enabled, password_hash IS NOT NULL AS has_password,"
          + " password_temporary_until AS temporary_until, home_store";

  private final JdbcClient db;
  private final String table;

  DemoCustomers(DataSource dataSource, DemoData data) {
    this.db = JdbcClient.create(dataSource);
    this.table = data.customerTable();
  }

  /**
   * Customers whose id, email or name contains the query (all of them for a blank query).
   *
   * @param query what to look for
   * @return at most 200 customers, by id
   */
  public List<Row> search(@Nullable String query) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM "
                + table
                + " WHERE ? = '' OR LOWER(id) LIKE ? OR email_normalized LIKE ?"
                + " OR LOWER(display_name) LIKE ? ORDER BY id FETCH FIRST 200 ROWS ONLY")
        .params(q, like(q), like(q), like(q))
        .query(Row.class)
        .list();
  }

  /**
   * Whether a customer is a trade customer, who may sign in to the B2B store.
   *
   * @param id the customer
   * @return {@code true} if the customer's home store is the B2B store
   */
  public boolean isTrade(CustomerId id) {
    return find(id.value()).map(r -> "b2b".equals(r.homeStore())).orElse(false);
  }

  /**
   * One customer.
   *
   * @param id the id
   * @return the customer, if known
   */
  public Optional<Row> find(String id) {
    return db.sql("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")
        .param(id)
        .query(Row.class)
        .optional();
  }

  /**
   * The email of a customer, for the activity page.
   *
   * @param id the id, or {@code null}
   * @return the email, or {@code null}
   */
  public @Nullable String emailOf(@Nullable CustomerId id) {
    return id == null ? null : find(id.value()).map(Row::email).orElse(null);
  }

  /** Longest email the demo accepts: what fits in an SMTP path (RFC 5321). */
  public static final int MAX_EMAIL_LENGTH = 254;

  /** Longest name the demo accepts. */
  public static final int MAX_NAME_LENGTH = 100;

  /** The HTML standard's "valid email address", which an {@code input type=email} also checks. */
  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  /**
   * What is wrong with a new customer's form, in the words the form shows; empty when nothing is.
   *
   * @param email the email as typed
   * @param name the name as typed
   * @return the message for the agent, or empty
   */
  public static Optional<String> problemWith(String email, String name) {
    String e = email.strip();
    if (name.isBlank()) {
      return Optional.of("Please enter the customer's name.");
    }
    if (name.strip().length() > MAX_NAME_LENGTH) {
      return Optional.of("The name is too long: at most " + MAX_NAME_LENGTH + " characters.");
    }
    if (e.isEmpty()) {
      return Optional.of("Please enter the customer's email address.");
    }
    if (e.length() > MAX_EMAIL_LENGTH) {
      return Optional.of(
          "The email address is too long: at most " + MAX_EMAIL_LENGTH + " characters.");
    }
    if (!EMAIL.matcher(e).matches()) {
      return Optional.of(
          "This is not an email address. Please enter one like ann@example.com, without spaces.");
    }
    return Optional.empty();
  }

  /**
   * Creates a customer without a password (the account-setup email lets them choose one).
   *
   * @param email the email
   * @param displayName the name
   * @param locale the language tag
   * @param homeStore {@code shop} or {@code b2b}
   * @return the new customer's id, or empty if the email is already taken
   */
  public Optional<CustomerId> create(
      String email, String displayName, String locale, String homeStore) {
    String normalized = CustomerStore.normalizeEmail(email);
    Long taken =
        db.sql("SELECT COUNT(*) FROM " + table + " WHERE email_normalized = ?")
            .param(normalized)
            .query(Long.class)
            .single();
    if (taken > 0) {
      return Optional.empty();
    }
    long next = db.sql("SELECT NEXT VALUE FOR demo_customer_seq").query(Long.class).single();
    String id = "C-" + next;
    db.sql(
            "INSERT INTO "
                + table
                + " (id, email, email_normalized, display_name, locale, enabled, home_store)"
                + " VALUES (?, ?, ?, ?, ?, TRUE, ?)")
        .params(id, email.strip(), normalized, displayName.strip(), locale, homeStore)
        .update();
    return Optional.of(new CustomerId(id));
  }

  private static String like(String q) {
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
