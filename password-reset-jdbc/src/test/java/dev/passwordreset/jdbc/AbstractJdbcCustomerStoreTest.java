package dev.passwordreset.jdbc;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.testkit.CustomerStoreContract;
import org.jspecify.annotations.Nullable;

/** The customer store contract on the shipped reference table. */
abstract class AbstractJdbcCustomerStoreTest extends CustomerStoreContract {

  private static final String[] COLUMNS = {
    "id",
    "email",
    "email_normalized",
    "display_name",
    "locale",
    "enabled",
    "password_hash",
    "password_temporary_until"
  };

  abstract TestDatabase database();

  @Override
  protected CustomerStore createStore() {
    database().deleteAll(JdbcSchema.DEFAULT_CUSTOMER_TABLE);
    return JdbcCustomerStore.builder(database().dataSource()).build();
  }

  @Override
  protected void addCustomer(CustomerAccount account, @Nullable StoredPassword password) {
    CustomerRows.insert(database(), JdbcSchema.DEFAULT_CUSTOMER_TABLE, COLUMNS, account, password);
  }
}
