package dev.passwordreset.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the activity feed: who did what to whom, when. Never holds a token or a password.
 *
 * @param type what happened
 * @param at when
 * @param customerId the customer concerned, or {@code null} (e.g. unknown email)
 * @param agentId the agent who acted, or {@code null} for a customer's own action
 * @param clientAddress the client's address, or {@code null}
 * @param storefront the storefront, or {@code null} for the default one
 * @param details further facts by name (e.g. {@code reason}, {@code purpose}, {@code old.*} and
 *     {@code new.*} for settings); never a secret
 */
public record ResetEvent(
    ResetEventType type,
    Instant at,
    @Nullable CustomerId customerId,
    @Nullable String agentId,
    @Nullable String clientAddress,
    @Nullable String storefront,
    Map<String, String> details) {

  /**
   * Creates an event; the details are copied in key order.
   *
   * @param type what happened
   * @param at when
   * @param customerId the customer concerned, or {@code null} (e.g. unknown email)
   * @param agentId the agent who acted, or {@code null} for a customer's own action
   * @param clientAddress the client's address, or {@code null}
   * @param storefront the storefront, or {@code null} for the default one
   * @param details further facts by name (e.g. {@code reason}, {@code purpose}, {@code old.*} and
   *     {@code new.*} for settings); never a secret
   */
  public ResetEvent {
    Checks.notNull(type, "type");
    Checks.notNull(at, "at");
    details = Map.copyOf(new TreeMap<>(Checks.notNull(details, "details")));
  }

  /**
   * A detail by name.
   *
   * @param name the detail's name
   * @return its value, or {@code null} if absent
   */
  public @Nullable String detail(String name) {
    return details.get(name);
  }
}
