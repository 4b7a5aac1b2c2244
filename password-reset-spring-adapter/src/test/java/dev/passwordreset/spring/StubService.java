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
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A service that answers what a test set and remembers what it was asked; every other call throws
 * {@link UnsupportedOperationException}.
 */
@SuppressWarnings("missing-explicit-ctor")
public class StubService implements PasswordResetService {
  public RequestOutcome requestOutcome = new RequestOutcome.Accepted();
  public PendingOutcome pendingOutcome = new PendingOutcome.Accepted();
  public ResetOutcome resetOutcome =
      new ResetOutcome.InvalidToken(dev.passwordreset.api.InvalidReason.UNKNOWN);
  public TokenCheck tokenCheck =
      new TokenCheck.Invalid(dev.passwordreset.api.InvalidReason.UNKNOWN);
  public @Nullable RequestContext lastContext;
  public @Nullable String lastToken;
  public @Nullable String lastCode;
  public @Nullable String lastEmail;
  public char @Nullable [] lastPassword;
  public @Nullable String lastPasswordSeen;

  @Override
  public RequestOutcome requestReset(String email, RequestContext context) {
    lastEmail = email;
    lastContext = context;
    return requestOutcome;
  }

  @Override
  public PendingOutcome requestResetWithPassword(
      String email, char[] newPassword, RequestContext context) {
    lastEmail = email;
    lastContext = context;
    lastPassword = newPassword;
    lastPasswordSeen = new String(newPassword);
    return pendingOutcome;
  }

  @Override
  public ResetOutcome confirmReset(String token, char[] password, RequestContext context) {
    lastToken = token;
    lastContext = context;
    lastPassword = password;
    lastPasswordSeen = new String(password);
    return resetOutcome;
  }

  @Deprecated(since = "0.1.0", forRemoval = true)
  @SuppressWarnings("removal")
  @Override
  public ResetOutcome confirmReset(String token, RequestContext context) {
    throw new AssertionError("the deprecated confirmReset activates nothing; nothing calls it");
  }

  @Override
  public TokenCheck checkToken(String token, RequestContext context) {
    lastToken = token;
    lastContext = context;
    return tokenCheck;
  }

  @Override
  public RequestOutcome requestResetCode(String email, RequestContext context) {
    lastEmail = email;
    lastContext = context;
    return requestOutcome;
  }

  @Override
  public ResetOutcome completeResetWithCode(
      String email, String code, char[] newPassword, RequestContext context) {
    lastEmail = email;
    lastCode = code;
    lastContext = context;
    lastPassword = newPassword;
    lastPasswordSeen = new String(newPassword);
    return resetOutcome;
  }

  @Override
  public ResetOutcome completeReset(String token, char[] newPassword, RequestContext context) {
    lastToken = token;
    lastContext = context;
    lastPassword = newPassword;
    lastPasswordSeen = new String(newPassword);
    return resetOutcome;
  }

  @Override
  public AgentOutcome sendResetEmail(CustomerId customerId, AgentContext agent) {
    throw new UnsupportedOperationException("sendResetEmail");
  }

  @Override
  public AgentOutcome sendAccountSetupEmail(CustomerId customerId, AgentContext agent) {
    throw new UnsupportedOperationException("sendAccountSetupEmail");
  }

  @Override
  public AgentOutcome sendReminder(CustomerId customerId, AgentContext agent) {
    throw new UnsupportedOperationException("sendReminder");
  }

  @Override
  public ManualEntryOutcome setPassword(
      CustomerId customerId, char[] password, boolean temporary, AgentContext agent) {
    throw new UnsupportedOperationException("setPassword");
  }

  @Override
  public LoginCheck checkLogin(String email, char[] password, RequestContext context) {
    throw new UnsupportedOperationException("checkLogin");
  }

  @Override
  public ChangeOutcome changePassword(
      CustomerId customerId, char[] currentPassword, char[] newPassword, RequestContext context) {
    throw new UnsupportedOperationException("changePassword");
  }

  @Override
  public PolicyDescription describePolicy(Locale locale) {
    return new PolicyDescription(locale, 8, 128, List.of("A capital letter"));
  }

  @Override
  public ResetSettings settings() {
    return ResetSettings.defaults();
  }

  @Override
  public void updateSettings(ResetSettings settings, AgentContext agent) {
    throw new UnsupportedOperationException("updateSettings");
  }

  @Override
  public int purgeExpired() {
    throw new UnsupportedOperationException("purgeExpired");
  }
}
