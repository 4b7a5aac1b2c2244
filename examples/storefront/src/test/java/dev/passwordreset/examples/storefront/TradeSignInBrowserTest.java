package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only trade customers sign in to the B2B store; shop customers are sent to the shop. */
class TradeSignInBrowserTest extends BrowserTest {

  @Test
  void shopCustomerCannotSignInToTheB2bStoreButATradeCustomerCan() {
    signInCustomer("b2b", "sam.taylor@example.com", "Blue-Kettle-63");
    waitForPath("/b2b/login");
    assertThat(text("#login-error")).contains("for trade customers", "public shop");
    screenshot("46-b2b-shop-customer-refused");

    // The same customer signs in to the shop as always.
    signInCustomer("shop", "sam.taylor@example.com", "Blue-Kettle-63");
    waitForPath("/shop/account");

    signInCustomer("b2b", "orders@northwind-trading.example", "North-Wind-Bulk7");
    waitForPath("/b2b/account");
    assertThat(text("#account")).contains("Corner Shop Pro");
  }
}
