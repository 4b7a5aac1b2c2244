package dev.passwordreset.spring;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventListener;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Ends a customer's sessions after their password changed (a completed reset, a manual entry by an
 * agent, a change by the customer), as OWASP asks: a thief who had a session loses it with the old
 * password. Sessions are found through Spring Session's {@link FindByIndexNameSessionRepository} by
 * the principal name {@link PrincipalNameResolver} gives. The session of the request that made the
 * change, if any, is kept, so a customer who changes their password stays signed in there.
 *
 * <p>Thread-safe. A failing session repository is logged and does not undo the password change.
 */
public class SessionInvalidatingResetListener implements ResetEventListener {
  private static final Logger log = LoggerFactory.getLogger(SessionInvalidatingResetListener.class);

  private final Supplier<? extends @Nullable FindByIndexNameSessionRepository<? extends Session>>
      sessions;
  private final PrincipalNameResolver principalNames;
  private final Supplier<@Nullable String> currentSessionId;

  /**
   * Creates the listener.
   *
   * @param sessions the session repository, looked up at each event (so it may be created after
   *     this listener); a {@code null} answer means none
   * @param principalNames maps a customer to the principal name of their sessions
   * @param currentSessionId the id of the session of the request being served, or {@code null} when
   *     there is none (it is kept)
   */
  public SessionInvalidatingResetListener(
      Supplier<? extends @Nullable FindByIndexNameSessionRepository<? extends Session>> sessions,
      PrincipalNameResolver principalNames,
      Supplier<@Nullable String> currentSessionId) {
    this.sessions = Objects.requireNonNull(sessions, "sessions must not be null");
    this.principalNames = Objects.requireNonNull(principalNames, "principalNames must not be null");
    this.currentSessionId =
        Objects.requireNonNull(currentSessionId, "currentSessionId must not be null");
  }

  /**
   * Ends the customer's other sessions when the event {@linkplain
   * dev.passwordreset.api.ResetEventType#changesPassword() changes the password}; ignores the rest.
   *
   * @param event what happened
   */
  @Override
  public void onEvent(ResetEvent event) {
    CustomerId customer = event.customerId();
    if (!event.type().changesPassword() || customer == null) {
      return;
    }
    FindByIndexNameSessionRepository<? extends Session> repository = sessions.get();
    if (repository == null) {
      return;
    }
    String principal = principalNames.principalName(customer);
    if (principal == null) {
      return;
    }
    String keep = currentSessionId.get();
    Map<String, ? extends Session> found = repository.findByPrincipalName(principal);
    int ended = 0;
    for (String id : found.keySet()) {
      if (!id.equals(keep)) {
        repository.deleteById(id);
        ended++;
      }
    }
    if (ended > 0) {
      log.info(
          "Ended {} session(s) of customer {} after {}", ended, customer.value(), event.type());
    }
  }
}
