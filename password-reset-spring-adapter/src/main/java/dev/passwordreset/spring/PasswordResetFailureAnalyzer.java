package dev.passwordreset.spring;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PasswordResetConfigurationException} in Spring Boot's start-up failure report:
 * every problem found, each with its own action. Registered in {@code META-INF/spring.factories}.
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
    List<PasswordResetConfigurationException.Problem> problems = cause.problems();
    if (problems.size() == 1) {
      PasswordResetConfigurationException.Problem p = problems.get(0);
      return new FailureAnalysis(describe(p), p.action(), cause);
    }
    StringBuilder description =
        new StringBuilder("The password-reset configuration has ")
            .append(problems.size())
            .append(" problems:\n");
    StringBuilder action = new StringBuilder();
    for (int i = 0; i < problems.size(); i++) {
      PasswordResetConfigurationException.Problem p = problems.get(i);
      description.append("\n  ").append(i + 1).append(". ").append(describe(p));
      action.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(p.action());
    }
    return new FailureAnalysis(description.toString(), action.toString(), cause);
  }

  private static String describe(PasswordResetConfigurationException.Problem p) {
    if (p.property() == null) {
      return "The password-reset configuration is incomplete: " + p.problem();
    }
    String text = p.description();
    return "Invalid password-reset configuration. Property "
        + text
        + (text.endsWith(".") ? "" : ".");
  }
}
