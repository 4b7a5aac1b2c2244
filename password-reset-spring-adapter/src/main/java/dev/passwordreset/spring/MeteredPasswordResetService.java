package dev.passwordreset.spring;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.TokenCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Times every call of a {@link PasswordResetService} in the timer {@value #TIMER}, tagged with the
 * {@code operation} (the method's name, e.g. {@code completeReset}) and the {@code outcome} (the
 * outcome record's simple name, e.g. {@code Completed}, {@code Throttled}; {@code success} for
 * methods without outcomes; {@code error} when it throws, with the exception's simple name in
 * {@code exception}). A timer also counts, so it gives calls per operation and outcome.
 *
 * <p>The tags hold no customer data, so their number stays bounded. {@link #close()} closes the
 * delegate if it can be closed. Thread-safe.
 */
public final class MeteredPasswordResetService implements PasswordResetService, AutoCloseable {

  /** The timer's name. */
  public static final String TIMER = "password.reset.operations";

  private final PasswordResetService delegate;
  private final MeterRegistry registry;

  /**
   * Wraps a service.
   *
   * @param delegate the service doing the work
   * @param registry where the timers go
   */
  public MeteredPasswordResetService(PasswordResetService delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    this.registry = Objects.requireNonNull(registry, "registry must not be null");
  }

  private <T> T timed(String operation, Supplier<T> call) {
    Timer.Sample sample = Timer.start(registry);
    try {
      T result = call.get();
      sample.stop(timer(operation, outcome(result), "none"));
      return result;
    } catch (RuntimeException e) {
      sample.stop(timer(operation, "error", e.getClass().getSimpleName()));
      throw e;
    }
  }

  private static String outcome(Object result) {
    Class<?> type = result.getClass();
    return type.isRecord() && type.getEnclosingClass() != null ? type.getSimpleName() : "success";
  }

  private Timer timer(String operation, String outcome, String exception) {
    return Timer.builder(TIMER)
        .description("Calls of the password-reset service, by operation and outcome")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .tag("exception", exception)
        .register(registry);
  }

  @Override
  public RequestOutcome requestReset(String email, RequestContext context) {
    return timed("requestReset", () -> delegate.requestReset(email, context));
  }

  @Override
  public PendingOutcome requestResetWithPassword(
      String email, char[] newPassword, RequestContext context) {
    return timed(
        "requestResetWithPassword",
        () -> delegate.requestResetWithPassword(email, newPassword, context));
  }

  @Override
  public ResetOutcome confirmReset(String token, char[] password, RequestContext context) {
    return timed("confirmReset", () -> delegate.confirmReset(token, password, context));
  }

  /**
   * Passes the deprecated call on; it activates nothing.
   *
   * @deprecated activates nothing; use {@link #confirmReset(String, char[], RequestContext)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  @SuppressWarnings("removal") // a decorator passes on what it is given
  @Override
  public ResetOutcome confirmReset(String token, RequestContext context) {
    return timed("confirmReset", () -> delegate.confirmReset(token, context));
  }

  @Override
  public TokenCheck checkToken(String token, RequestContext context) {
    return timed("checkToken", () -> delegate.checkToken(token, context));
  }

  @Override
  public ResetOutcome completeReset(String token, char[] newPassword, RequestContext context) {
    return timed("completeReset", () -> delegate.completeReset(token, newPassword, context));
  }

  @Override
  public RequestOutcome requestResetCode(String email, RequestContext context) {
    return timed("requestResetCode", () -> delegate.requestResetCode(email, context));
  }

  @Override
  public ResetOutcome completeResetWithCode(
      String email, String code, char[] newPassword, RequestContext context) {
    return timed(
        "completeResetWithCode",
        () -> delegate.completeResetWithCode(email, code, newPassword, context));
  }

  @Override
  public AgentOutcome sendResetEmail(CustomerId customerId, AgentContext agent) {
    return timed("sendResetEmail", () -> delegate.sendResetEmail(customerId, agent));
  }

  @Override
  public AgentOutcome sendAccountSetupEmail(CustomerId customerId, AgentContext agent) {
    return timed("sendAccountSetupEmail", () -> delegate.sendAccountSetupEmail(customerId, agent));
  }

  @Override
  public AgentOutcome sendReminder(CustomerId customerId, AgentContext agent) {
    return timed("sendReminder", () -> delegate.sendReminder(customerId, agent));
  }

  @Override
  public ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent) {
    return timed("setPassword", () -> delegate.setPassword(customerId, password, temporary, agent));
  }

  @Override
  public LoginCheck checkLogin(String email, char[] password, RequestContext context) {
    return timed("checkLogin", () -> delegate.checkLogin(email, password, context));
  }

  @Override
  public ChangeOutcome changePassword(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    return timed(
        "changePassword",
        () -> delegate.changePassword(customerId, currentPassword, newPassword, context));
  }

  @Override
  public PolicyDescription describePolicy(Locale locale) {
    return timed("describePolicy", () -> delegate.describePolicy(locale));
  }

  @Override
  public ResetSettings settings() {
    return delegate.settings();
  }

  @Override
  public void updateSettings(ResetSettings settings, AgentContext agent) {
    timed(
        "updateSettings",
        () -> {
          delegate.updateSettings(settings, agent);
          return Boolean.TRUE;
        });
  }

  @Override
  public int purgeExpired() {
    return timed("purgeExpired", delegate::purgeExpired);
  }

  /**
   * Closes the delegate if it is {@link AutoCloseable} (the engine is: queued mail is delivered).
   *
   * @throws IllegalStateException if closing the delegate fails
   */
  @Override
  public void close() {
    if (delegate instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while closing the password-reset service", e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing the password-reset service failed", e);
      }
    }
  }
}
