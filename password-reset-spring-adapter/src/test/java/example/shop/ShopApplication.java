package example.shop;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import java.util.Locale;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A host application as a user writes it: its own customers, Spring's mail settings, and the
 * adapter on the class path. (In its own package, so that component scanning sees none of the
 * adapter's classes.)
 */
@SpringBootApplication
public class ShopApplication {

  /** The customer of the link flows. */
  static final String JANE_EMAIL = "jane@shop.example";

  /** The customer of the code flow, whose account throttle the link flows do not use up. */
  static final String SAM_EMAIL = "sam@shop.example";

  @Bean
  InMemoryCustomerStore customers() {
    return new InMemoryCustomerStore()
        .add(new CustomerAccount(new CustomerId("c-1"), JANE_EMAIL, "Jane", Locale.ENGLISH, true))
        .add(new CustomerAccount(new CustomerId("c-2"), SAM_EMAIL, "Sam", Locale.ENGLISH, true));
  }
}
