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
