package dev.passwordreset.api;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting, for a back-office call: recorded in the activity feed with every agent action.
 *
 * @param agentId the agent's identifier in the host's back office; not blank, at most 255
 *     characters, no control characters
 * @param clientAddress the agent's address, or {@code null}; only recorded
 * @param storefront the storefront whose link template the emailed link uses, or {@code null} for
 *     the default one
 */
public record AgentContext(
    String agentId, @Nullable String clientAddress, @Nullable String storefront) {

  /**
   * Creates a context.
   *
   * @param agentId the agent's identifier in the host's back office; not blank, at most 255
   *     characters, no control characters
   * @param clientAddress the agent's address, or {@code null}; only recorded
   * @param storefront the storefront whose link template the emailed link uses, or {@code null} for
   *     the default one
   * @throws NullPointerException if {@code agentId} is null
   * @throws IllegalArgumentException if {@code agentId} is blank or too long, or a text holds a
   *     control character
   */
  public AgentContext {
    Checks.notBlank(agentId, "agentId");
    Checks.maxLength(agentId, 255, "agentId");
    Checks.noControlChars(agentId, "agentId");
    Checks.noControlChars(clientAddress, "clientAddress");
    Checks.noControlChars(storefront, "storefront");
  }

  /**
   * A context with only the agent's identifier, for the default storefront.
   *
   * @param agentId the agent
   * @return the context
   * @throws IllegalArgumentException if {@code agentId} is blank
   */
  public static AgentContext of(String agentId) {
    return new AgentContext(agentId, null, null);
  }

  /**
   * Returns a copy with the agent's address.
   *
   * @param newClientAddress the address, or {@code null}
   * @return the copy
   */
  public AgentContext withClientAddress(@Nullable String newClientAddress) {
    return new AgentContext(agentId, newClientAddress, storefront);
  }

  /**
   * Returns a copy for another storefront.
   *
   * @param newStorefront the storefront, or {@code null} for the default one
   * @return the copy
   */
  public AgentContext withStorefront(@Nullable String newStorefront) {
    return new AgentContext(agentId, clientAddress, newStorefront);
  }
}
