package dev.passwordreset.examples.storefront.security;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A signed-in back-office agent.
 *
 * @param username the agent id recorded in the activity feed
 * @param displayName the agent's name
 */
public record AgentPrincipal(String username, String displayName)
    implements AuthenticatedPrincipal, Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public String getName() {
    return username;
  }
}
