package dev.passwordreset.jdbc;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Inserts customers the way a host would: with the normalized email kept beside the email. */
final class CustomerRows {
  private CustomerRows() {}

  /** Columns in the order: id, email, normalized email, name, locale, enabled, hash, until. */
  static void insert(
      TestDatabase db,
      String table,
      String[] columns,
      CustomerAccount account,
      @Nullable StoredPassword password) {
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, account.id().value());
      ps.setString(2, account.email());
      ps.setString(3, CustomerStore.normalizeEmail(account.email()));
      ps.setString(4, account.displayName());
      ps.setString(5, account.locale().toLanguageTag());
      ps.setBoolean(6, account.enabled());
      ps.setString(7, password == null ? null : password.hash());
      Instant until = password == null ? null : password.temporaryUntil();
      if (db.mySqlFamily()) {
        // No TIMESTAMP WITH TIME ZONE there: a DATETIME(6) holding UTC.
        if (until == null) {
          ps.setNull(8, Types.TIMESTAMP);
        } else {
          ps.setObject(8, LocalDateTime.ofInstant(until, ZoneOffset.UTC));
        }
      } else if (until == null) {
        ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(8, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not add customer " + account.id(), e);
    }
  }
}
