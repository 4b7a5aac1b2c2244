package dev.passwordreset.core;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventListener;
import dev.passwordreset.api.ResetEventType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the activity feed; a failing listener is logged, never breaks a reset. */
final class Events {
  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final List<ResetEventListener> listeners;
  private final Clock clock;

  Events(List<ResetEventListener> listeners, Clock clock) {
    this.listeners = listeners;
    this.clock = clock;
  }

  void emit(
      ResetEventType type,
      @Nullable CustomerId customerId,
      @Nullable String agentId,
      @Nullable RequestContext context,
      Map<String, String> details) {
    emit(
        type,
        customerId,
        agentId,
        context == null ? null : context.clientAddress(),
        context == null ? null : context.storefront(),
        details);
  }

  /** A new password broke the policy: the event names the rules, never the password. */
  void passwordRejected(
      @Nullable CustomerId customerId, RequestContext context, List<PolicyViolation> violations) {
    emit(
        ResetEventType.PASSWORD_REJECTED,
        customerId,
        null,
        context,
        Map.of("rules", rules(violations)));
  }

  static String rules(List<PolicyViolation> violations) {
    return String.join(",", violations.stream().map(PolicyViolation::rule).toList());
  }

  void emitAgent(
      ResetEventType type,
      @Nullable CustomerId customerId,
      AgentContext agent,
      Map<String, String> details) {
    emit(type, customerId, agent.agentId(), agent.clientAddress(), agent.storefront(), details);
  }

  void emit(
      ResetEventType type,
      @Nullable CustomerId customerId,
      @Nullable String agentId,
      @Nullable String clientAddress,
      @Nullable String storefront,
      Map<String, String> details) {
    ResetEvent event =
        new ResetEvent(
            type, clock.instant(), customerId, agentId, clientAddress, storefront, details);
    if (log.isDebugEnabled()) {
      log.debug("{} customer={} agent={} {}", type, customerId, agentId, event.details());
    }
    for (ResetEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("A reset event listener failed on {}", type, e);
      }
    }
  }
}
