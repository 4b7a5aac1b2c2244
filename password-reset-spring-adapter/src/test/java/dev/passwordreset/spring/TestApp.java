package dev.passwordreset.spring;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.testkit.RecordingNotifier;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared fixtures: one customer, cheap hashing, a link template. */
final class TestApp {
  static final CustomerId JANE = new CustomerId("c-1");
  static final String JANE_EMAIL = "jane@shop.example";
  static final RequestContext CLIENT = RequestContext.of("198.51.100.7");

  /** The properties every context needs: a link template and cheap Argon2 for tests. */
  static final String[] BASE_PROPERTIES = {
    "password-reset.link-template=https://shop.example/password/reset?token={token}",
    "password-reset.hashing.memory-kib=64",
    "password-reset.hashing.iterations=1",
    "password-reset.purge.enabled=false"
  };

  private TestApp() {}

  static InMemoryCustomerStore customers() {
    return new InMemoryCustomerStore()
        .add(new CustomerAccount(JANE, JANE_EMAIL, "Jane", Locale.ENGLISH, true));
  }

  /** Only the adapter's auto-configuration, the customers and a recording notifier. */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PasswordResetAutoConfiguration.class))
        .withUserConfiguration(Customers.class, Mailbox.class)
        .withPropertyValues(BASE_PROPERTIES);
  }

  @Configuration(proxyBeanMethods = false)
  static class Customers {
    @Bean
    InMemoryCustomerStore customerStore() {
      return customers();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Mailbox {
    @Bean
    RecordingNotifier recordingNotifier() {
      return new RecordingNotifier();
    }
  }
}
