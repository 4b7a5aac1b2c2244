package dev.passwordreset.examples.storefront;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where the demo is reached: {@code demo.base-url}, which the emailed links also use. */
@Component
public class DemoUrls {
  private final String base;

  DemoUrls(@Value("${demo.base-url}") String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * The base address, without a trailing slash.
   *
   * @return e.g. {@code http://localhost:8080}
   */
  public String base() {
    return base;
  }
}
