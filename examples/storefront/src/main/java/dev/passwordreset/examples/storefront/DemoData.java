package dev.passwordreset.examples.storefront;

import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.jdbc.Dialect;
import dev.passwordreset.jdbc.JdbcSchema;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Creates the demo's customer table (the library's reference table plus the demo's {@code
 * home_store} column) and seeds it with the {@linkplain #CUSTOMERS demo customers}, whose passwords
 * are hashed by the library's hasher. The passwords are demo data and are shown on the login pages.
 */
@Component
public class DemoData {

  /**
   * A seeded customer.
   *
   * @param id the customer id
   * @param email the email
   * @param displayName the name
   * @param locale a BCP 47 tag
   * @param homeStore {@code shop} or {@code b2b}: the store the back office's emails link to
   * @param enabled whether the account may sign in
   * @param password the demo password (shown on the login page)
   */
  public record DemoCustomer(
      String id,
      String email,
      String displayName,
      String locale,
      String homeStore,
      boolean enabled,
      String password) {}

  /** The seeded customers. */
  public static final List<DemoCustomer> CUSTOMERS =
      List.of(
          new DemoCustomer(
              "C-1001", "jane.doe@example.com", "Jane Doe", "en", "shop", true, "Tulip-Garden-42"),
          new DemoCustomer(
              "C-1002",
              "marc.dupont@example.fr",
              "Marc Dupont",
              "fr",
              "shop",
              true,
              "Velo-Rouge-17"),
          new DemoCustomer(
              "C-1003", "ana.silva@example.com", "Ana Silva", "en", "shop", true, "Lemon-Tree-88"),
          new DemoCustomer(
              "C-1004",
              "sam.taylor@example.com",
              "Sam Taylor",
              "en",
              "shop",
              true,
              "Blue-Kettle-63"),
          new DemoCustomer(
              "C-1005", "li.wei@example.com", "Li Wei", "en", "shop", true, "Paper-Crane-21"),
          new DemoCustomer(
              "C-1006",
              "old.account@example.com",
              "Closed Account",
              "en",
              "shop",
              false,
              "Old-Account-99"),
          new DemoCustomer(
              "C-2001",
              "buyer@acme-industrial.example",
              "Acme Industrial (buyer)",
              "en",
              "b2b",
              true,
              "Acme-Supply-2030"),
          new DemoCustomer(
              "C-2002",
              "orders@northwind-trading.example",
              "Northwind Trading",
              "en",
              "b2b",
              true,
              "North-Wind-Bulk7"));

  private static final String TABLE = JdbcSchema.DEFAULT_CUSTOMER_TABLE;

  DemoData(DataSource dataSource, PasswordHasher hasher) {
    JdbcSchema.createReferenceCustomerTable(dataSource, Dialect.H2);
    JdbcClient db = JdbcClient.create(dataSource);
    db.sql(
            "ALTER TABLE "
                + TABLE
                + " ADD COLUMN IF NOT EXISTS home_store VARCHAR(8) DEFAULT 'shop' NOT NULL")
        .update();
    db.sql("CREATE SEQUENCE IF NOT EXISTS demo_customer_seq START WITH 3001").update();
    long existing = db.sql("SELECT COUNT(*) FROM " + TABLE).query(Long.class).single();
    if (existing > 0) {
      return;
    }
    for (DemoCustomer c : CUSTOMERS) {
      db.sql(
              "INSERT INTO "
                  + TABLE
                  + " (id, email, email_normalized, display_name, locale, enabled, password_hash,"
                  + " home_store) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              c.id(),
              c.email(),
              CustomerStore.normalizeEmail(c.email()),
              c.displayName(),
              c.locale(),
              c.enabled(),
              hasher.hash(c.password().toCharArray()),
              c.homeStore())
          .update();
    }
  }

  /**
   * The customer table's name.
   *
   * @return the table
   */
  public String customerTable() {
    return TABLE;
  }
}
