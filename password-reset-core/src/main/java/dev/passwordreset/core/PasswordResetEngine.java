package dev.passwordreset.core;

import static dev.passwordreset.core.Passwords.arg;
import static dev.passwordreset.core.Passwords.clearing;

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
import dev.passwordreset.core.AgentActions.LinkEmail;
import java.util.Locale;

/**
 * The default {@link PasswordResetService}: build one per platform with {@link #builder()}, share
 * it between threads, and {@link #close()} it on shutdown so queued self-service mail is delivered.
 *
 * <p><b>How it keeps its promises.</b> Tokens are 32 random bytes (base64url); only their SHA-256
 * is stored. A self-service request does all its account-dependent work (lookup, throttle, issuing
 * the link, mail) on a delivery thread, so the caller's answer and timing never depend on the
 * email. A completion checks the policy, hashes, then consumes the link atomically, revokes every
 * other link of the customer and only then writes the password: a store failing half way never
 * leaves a changed password beside a valid link. Passwords are NFKC-normalized, bounded in length,
 * cleared after use and never logged. Time comes only from the builder's clock: the stores get
 * every instant they need from the engine.
 *
 * <p>This class checks arguments (a null throws {@link NullPointerException} naming it), clears the
 * password arrays it is given when the call returns, and delegates to one package-private class per
 * flow (the package documentation lists them).
 *
 * <p>Thread-safe.
 */
public final class PasswordResetEngine implements PasswordResetService, AutoCloseable {

  private final Flows flows;

  private PasswordResetEngine(Builder b) {
    this.flows = new Flows(b);
  }

  /**
   * Starts building an engine.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RequestOutcome requestReset(String email, RequestContext context) {
    return flows.selfService.requestReset(arg(email, "email"), arg(context, "context"));
  }

  @Override
  public PendingOutcome requestResetWithPassword(
      String email, char[] newPassword, RequestContext context) {
    return clearing(
        newPassword,
        () ->
            flows.selfService.requestResetWithPassword(
                arg(email, "email"), arg(newPassword, "newPassword"), arg(context, "context")));
  }

  @Override
  public ResetOutcome confirmReset(String token, char[] password, RequestContext context) {
    return clearing(
        password,
        () ->
            flows.links.confirm(
                arg(token, "token"), arg(password, "password"), arg(context, "context")));
  }

  /**
   * Activates nothing: answers {@code Rejected} with the single violation {@value
   * ResetOutcome#CONFIRMATION_REQUIRED}, whatever the token, without looking it up.
   *
   * @deprecated activates nothing; use {@link #confirmReset(String, char[], RequestContext)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  @SuppressWarnings("removal") // overrides the deprecated method to make it harmless
  @Override
  public ResetOutcome confirmReset(String token, RequestContext context) {
    arg(token, "token");
    return flows.links.confirmWithoutPassword(arg(context, "context"));
  }

  @Override
  public TokenCheck checkToken(String token, RequestContext context) {
    return flows.links.check(arg(token, "token"), arg(context, "context"));
  }

  @Override
  public ResetOutcome completeReset(String token, char[] newPassword, RequestContext context) {
    return clearing(
        newPassword,
        () ->
            flows.links.complete(
                arg(token, "token"), arg(newPassword, "newPassword"), arg(context, "context")));
  }

  @Override
  public RequestOutcome requestResetCode(String email, RequestContext context) {
    return flows.selfService.requestResetCode(arg(email, "email"), arg(context, "context"));
  }

  @Override
  public ResetOutcome completeResetWithCode(
      String email, String code, char[] newPassword, RequestContext context) {
    return clearing(
        newPassword,
        () ->
            flows.codes.complete(
                arg(email, "email"),
                arg(code, "code"),
                arg(newPassword, "newPassword"),
                arg(context, "context")));
  }

  @Override
  public AgentOutcome sendResetEmail(CustomerId customerId, AgentContext agent) {
    return flows.agents.send(LinkEmail.RESET, arg(customerId, "customerId"), arg(agent, "agent"));
  }

  @Override
  public AgentOutcome sendAccountSetupEmail(CustomerId customerId, AgentContext agent) {
    return flows.agents.send(
        LinkEmail.ACCOUNT_SETUP, arg(customerId, "customerId"), arg(agent, "agent"));
  }

  @Override
  public AgentOutcome sendReminder(CustomerId customerId, AgentContext agent) {
    return flows.agents.send(
        LinkEmail.REMINDER, arg(customerId, "customerId"), arg(agent, "agent"));
  }

  @Override
  public ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent) {
    return clearing(
        password,
        () ->
            flows.agents.setPassword(
                arg(customerId, "customerId"),
                arg(password, "password"),
                temporary,
                arg(agent, "agent")));
  }

  @Override
  public LoginCheck checkLogin(String email, char[] password, RequestContext context) {
    return clearing(
        password,
        () ->
            flows.logins.check(
                arg(email, "email"), arg(password, "password"), arg(context, "context")));
  }

  @Override
  public ChangeOutcome changePassword(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    try {
      return flows.logins.change(
          arg(customerId, "customerId"),
          arg(currentPassword, "currentPassword"),
          arg(newPassword, "newPassword"),
          arg(context, "context"));
    } finally {
      Passwords.clear(currentPassword, newPassword);
    }
  }

  @Override
  public PolicyDescription describePolicy(Locale locale) {
    return flows.policy.describe(arg(locale, "locale"));
  }

  @Override
  public ResetSettings settings() {
    return flows.settings.current();
  }

  @Override
  public void updateSettings(ResetSettings settings, AgentContext agent) {
    flows.settings.update(arg(settings, "settings"), arg(agent, "agent"));
  }

  @Override
  public int purgeExpired() {
    return flows.purgeExpired();
  }

  /**
   * Delivers queued self-service mail (waiting up to the configured close timeout) and stops the
   * engine's threads. Calls after closing keep working, except that self-service mail is dropped
   * and reported.
   */
  @Override
  public void close() {
    flows.close();
  }

  /**
   * Builds a {@link PasswordResetEngine}. Each setter validates at once (a value out of range
   * throws {@link dev.passwordreset.api.InvalidSettingException} naming the setting, the value and
   * the allowed range); {@link #build()} names every missing mandatory part in one message. The
   * defaults are in {@link EngineDefaults}. Not thread-safe; build on one thread.
   *
   * <p>Mandatory: {@link #customerStore}, {@link #ticketStore}, {@link #notifier}, and a default
   * {@link #linkTemplate(String)}. Everything else has a secure default.
   */
  public static final class Builder extends EngineBuilder {
    private Builder() {}

    /**
     * Builds the engine.
     *
     * @return the engine; close it on shutdown
     * @throws IllegalStateException naming every missing mandatory part
     */
    public PasswordResetEngine build() {
      requireMandatoryParts();
      return new PasswordResetEngine(this);
    }
  }
}
