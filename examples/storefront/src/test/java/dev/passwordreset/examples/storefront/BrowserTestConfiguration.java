package dev.passwordreset.examples.storefront;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The test's clock, which replaces the application's. */
@TestConfiguration(proxyBeanMethods = false)
class BrowserTestConfiguration {

  @Bean
  @Primary
  ShiftableClock testClock() {
    return new ShiftableClock();
  }
}
