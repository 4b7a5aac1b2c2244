package dev.passwordreset.spring;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Start-up stopped because the password-reset configuration is incomplete or holds bad values.
 * {@link PasswordResetFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START"
 * report: every problem found at once, each with the property to blame (if one is), what is wrong
 * with it, and what to do.
 */
public class PasswordResetConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 2L;

  /** Every problem found, in the order they were checked; never empty. */
  private final List<Problem> problems;

  /**
   * Creates the exception for one problem.
   *
   * @param property the full name of the property to blame, e.g. {@code
   *     password-reset.ticket-expiration-delay}, or {@code null} when none is
   * @param problem what is wrong, e.g. the allowed range and the value found; never a secret
   * @param action what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public PasswordResetConfigurationException(
      @Nullable String property, String problem, String action, @Nullable Throwable cause) {
    this(List.of(new Problem(property, problem, action)), cause);
  }

  /**
   * Creates the exception for several problems found in one check, so that one start reports them
   * all.
   *
   * @param problems every problem; not empty
   * @param cause the first underlying failure, or {@code null}
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PasswordResetConfigurationException(List<Problem> problems, @Nullable Throwable cause) {
    super(message(problems), cause);
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    if (problems.size() == 1) {
      return problems.get(0).description();
    }
    return problems.size()
        + " problems: "
        + problems.stream().map(Problem::description).collect(Collectors.joining("; "));
  }

  /**
   * Every problem found.
   *
   * @return the problems, in the order they were checked; never empty
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The property to blame for the first problem.
   *
   * @return its full name, or {@code null} when no single property is to blame
   */
  public @Nullable String property() {
    return problems.get(0).property();
  }

  /**
   * What to do about the first problem.
   *
   * @return the advice
   */
  public String action() {
    return problems.get(0).action();
  }

  /**
   * One thing wrong with the configuration.
   *
   * @param property the full name of the property to blame, or {@code null} when none is
   * @param problem what is wrong; never a secret
   * @param action what to do about it
   */
  public record Problem(@Nullable String property, String problem, String action) {

    /**
     * Creates a problem.
     *
     * @param property the full name of the property to blame, or {@code null} when none is
     * @param problem what is wrong; never a secret
     * @param action what to do about it
     * @throws NullPointerException if {@code problem} or {@code action} is {@code null}
     */
    public Problem {
      java.util.Objects.requireNonNull(problem, "problem must not be null");
      java.util.Objects.requireNonNull(action, "action must not be null");
    }

    /**
     * The property and what is wrong with it, as one sentence.
     *
     * @return e.g. {@code password-reset.mail.from: is not set; ...}
     */
    public String description() {
      return property == null ? problem : property + ": " + problem;
    }
  }
}
