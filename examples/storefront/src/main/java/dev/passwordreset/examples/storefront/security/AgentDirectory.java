package dev.passwordreset.examples.storefront.security;

import dev.passwordreset.api.PasswordHasher;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The demo's back-office agents: a tiny in-memory table, separate from the customers, with
 * passwords hashed by the library's Argon2id hasher. (A real platform has its own staff directory
 * or single sign-on.)
 *
 * <p>Thread-safe.
 */
@Component
public class AgentDirectory {

  /**
   * A demo agent.
   *
   * @param username the agent id
   * @param displayName the name
   * @param password the demo password (shown on the back office's login page)
   */
  public record DemoAgent(String username, String displayName, String password) {}

  /** The demo agents. */
  public static final List<DemoAgent> AGENTS =
      List.of(
          new DemoAgent("alice", "Alice Martin", "Backoffice-Alice-1"),
          new DemoAgent("bob", "Bob Nguyen", "Backoffice-Bob-2"));

  private record Stored(AgentPrincipal principal, String hash) {}

  private final PasswordHasher hasher;
  private final Map<String, Stored> agents;
  private final String dummyHash;

  AgentDirectory(PasswordHasher hasher) {
    this.hasher = hasher;
    this.agents =
        AGENTS.stream()
            .map(
                a ->
                    new Stored(
                        new AgentPrincipal(a.username(), a.displayName()),
                        hasher.hash(a.password().toCharArray())))
            .collect(
                Collectors.toUnmodifiableMap(s -> s.principal().username(), Function.identity()));
    this.dummyHash = hasher.hash("not-an-agent".toCharArray());
  }

  /**
   * Checks an agent's password.
   *
   * @param username the agent id
   * @param password the password; cleared afterwards
   * @return the agent, if the password is theirs
   */
  public Optional<AgentPrincipal> authenticate(String username, char[] password) {
    try {
      Stored stored = agents.get(username);
      // The same cost for an unknown agent.
      boolean ok = hasher.verify(password, stored == null ? dummyHash : stored.hash());
      return ok && stored != null ? Optional.of(stored.principal()) : Optional.empty();
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
