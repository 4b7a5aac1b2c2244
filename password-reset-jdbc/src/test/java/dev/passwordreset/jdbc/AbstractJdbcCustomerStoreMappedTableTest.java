package dev.passwordreset.jdbc;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.testkit.CustomerStoreContract;
import org.jspecify.annotations.Nullable;

/**
 * The customer store contract on a host's own, schema-qualified table whose every column has
 * another name: proves the builder's mapping.
 */
abstract class AbstractJdbcCustomerStoreMappedTableTest extends CustomerStoreContract {

  private static final String TABLE = "shop.people";
  private static final String[] COLUMNS = {
    "person_id", "mail", "mail_key", "full_name", "lang", "active", "pw", "pw_expires"
  };

  abstract TestDatabase database();

  @Override
  protected CustomerStore createStore() {
    // On MariaDB and MySQL: a binary collation for exact lookups, UTC in a DATETIME(6).
    boolean mySql = database().mySqlFamily();
    database()
        .execute(
            "CREATE SCHEMA IF NOT EXISTS shop",
            "CREATE TABLE IF NOT EXISTS shop.people (person_id VARCHAR(255) PRIMARY KEY,"
                + " mail VARCHAR(320) NOT NULL, mail_key VARCHAR(320) NOT NULL UNIQUE,"
                + " full_name VARCHAR(200), lang VARCHAR(35), active BOOLEAN NOT NULL,"
                + " pw VARCHAR(512), pw_expires "
                + (mySql
                    ? "DATETIME(6)) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin"
                    : "TIMESTAMP WITH TIME ZONE)"));
    database().deleteAll(TABLE);
    return JdbcCustomerStore.builder(database().dataSource())
        .tableName(TABLE)
        .idColumn("person_id")
        .emailColumn("mail")
        .normalizedEmailColumn("mail_key")
        .displayNameColumn("full_name")
        .localeColumn("lang")
        .enabledColumn("active")
        .passwordHashColumn("pw")
        .temporaryUntilColumn("pw_expires")
        .build();
  }

  @Override
  protected void addCustomer(CustomerAccount account, @Nullable StoredPassword password) {
    CustomerRows.insert(database(), TABLE, COLUMNS, account, password);
  }
}
