package dev.passwordreset.examples;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryTicketStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The README's five-minute program: a shop's own customer table, a reset by email, a login. */
public final class FiveMinuteShop {

  /** The shop's own customer table, read and written through the library's CustomerStore SPI. */
  record ShopCustomers(String url) implements CustomerStore {

    @Override
    public Optional<CustomerAccount> findByEmail(String normalizedEmail) {
      return one("SELECT id, email, name FROM customers WHERE email = ?", normalizedEmail);
    }

    @Override
    public Optional<CustomerAccount> findById(CustomerId id) {
      return one("SELECT id, email, name FROM customers WHERE id = ?", id.value());
    }

    @Override
    public Optional<StoredPassword> findPassword(CustomerId id) {
      String sql = "SELECT password_hash, temporary_until FROM customers WHERE id = ?";
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, id.value());
        try (ResultSet r = s.executeQuery()) {
          if (!r.next() || r.getString(1) == null) {
            return Optional.empty();
          }
          Timestamp until = r.getTimestamp(2);
          return Optional.of(
              new StoredPassword(r.getString(1), until == null ? null : until.toInstant()));
        }
      } catch (SQLException e) {
        throw new IllegalStateException("customer table unavailable", e);
      }
    }

    @Override
    public boolean updatePassword(CustomerId id, StoredPassword password) {
      String sql = "UPDATE customers SET password_hash = ?, temporary_until = ? WHERE id = ?";
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, password.hash());
        s.setTimestamp(
            2,
            password.temporaryUntil() == null ? null : Timestamp.from(password.temporaryUntil()));
        s.setString(3, id.value());
        return s.executeUpdate() == 1;
      } catch (SQLException e) {
        throw new IllegalStateException("customer table unavailable", e);
      }
    }

    private Optional<CustomerAccount> one(String sql, String key) {
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, key);
        try (ResultSet r = s.executeQuery()) {
          return r.next()
              ? Optional.of(
                  new CustomerAccount(
                      CustomerId.of(r.getString(1)),
                      r.getString(2),
                      r.getString(3),
                      Locale.ENGLISH,
                      true))
              : Optional.empty();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("customer table unavailable", e);
      }
    }
  }

  /**
   * Runs the story: prints each step, and the login's answer at the end.
   *
   * @param args ignored
   * @throws Exception if the database or the wait for the email fails
   */
  public static void main(String[] args) throws Exception {
    // The shop's table (an in-memory H2 database here), with one customer. A password already in
    // the table is hashed the way the engine will verify it: Argon2PasswordHasher.hash(char[]).
    String url = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
    Argon2PasswordHasher hasher = new Argon2PasswordHasher();
    try (Connection c = DriverManager.getConnection(url);
        Statement ddl = c.createStatement()) {
      ddl.execute(
          "CREATE TABLE customers (id VARCHAR(64) PRIMARY KEY, email VARCHAR(320) UNIQUE,"
              + " name VARCHAR(100), password_hash VARCHAR(200), temporary_until TIMESTAMP)");
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO customers (id, email, name, password_hash)"
                  + " VALUES ('cust-1001', 'ann@example.com', 'Ann', ?)")) {
        s.setString(1, hasher.hash("Forgotten-Long-Ago-1".toCharArray()));
        s.execute();
      }
    }

    // Emails are sent off the caller's thread: this console "mailbox" waits for them. A real
    // notifier sends the email; it must never print or log the link, a live credential.
    BlockingQueue<Notification> mailbox = new LinkedBlockingQueue<>();
    try (PasswordResetEngine engine =
        PasswordResetEngine.builder()
            .customerStore(new ShopCustomers(url))
            .ticketStore(new InMemoryTicketStore())
            .notifier(mailbox::add)
            .hasher(hasher)
            .linkTemplate("https://shop.example/password/reset?token={token}")
            .build()) {
      RequestContext web = RequestContext.of("203.0.113.7");

      // "Forgot your password?": the same answer for every email, known or not.
      System.out.println("request: " + engine.requestReset("ann@example.com", web));

      // The emailed link carries the token the reset page hands back.
      Notification email = mailbox.poll(30, TimeUnit.SECONDS);
      if (email == null || email.link() == null) {
        throw new IllegalStateException("no email arrived");
      }
      String token = email.link().substring(email.link().indexOf("token=") + "token=".length());

      // "Reset my password": passwords are char[], and the engine clears them after the call.
      ResetOutcome reset = engine.completeReset(token, "Sunny-Garden-42!".toCharArray(), web);
      if (reset instanceof ResetOutcome.Rejected rejected) {
        rejected.violations().forEach(v -> System.out.println("rule: " + v.message()));
      }
      System.out.println("reset: " + reset);

      // The "password changed" email follows; then the customer signs in with the new password.
      System.out.println("email: " + mailbox.poll(30, TimeUnit.SECONDS).type());
      LoginCheck login =
          engine.checkLogin("ann@example.com", "Sunny-Garden-42!".toCharArray(), web);
      System.out.println("login: " + login);
    }
  }

  private FiveMinuteShop() {}
}
