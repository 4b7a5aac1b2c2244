package dev.passwordreset.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PasswordResetConfigurationException} in Spring Boot's start-up failure report.
 * Registered in {@code META-INF/spring.factories}.
 *
 * <p>Stateless and thread-safe.
 */
public class PasswordResetFailureAnalyzer
    extends AbstractFailureAnalyzer<PasswordResetConfigurationException> {

  /** Creates the analyzer (Spring Boot does, through {@code spring.factories}). */
  public PasswordResetFailureAnalyzer() {}

  @Override
  protected @Nullable FailureAnalysis analyze(
      Throwable rootFailure, PasswordResetConfigurationException cause) {
    String description =
        cause.property() == null
            ? "The password-reset configuration is incomplete: " + cause.getMessage()
            : "Invalid password-reset configuration. Property "
                + cause.getMessage()
                + (cause.getMessage() != null && cause.getMessage().endsWith(".") ? "" : ".");
    return new FailureAnalysis(description, cause.action(), cause);
  }
}
