package dev.passwordreset.examples.storefront.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs agents in to the back office against the {@link AgentDirectory}.
 *
 * <p>Thread-safe.
 */
public final class AgentAuthenticationProvider implements AuthenticationProvider {
  /** The authority of a signed-in agent. */
  public static final GrantedAuthority AGENT = new SimpleGrantedAuthority("ROLE_AGENT");

  private final AgentDirectory agents;

  AgentAuthenticationProvider(AgentDirectory agents) {
    this.agents = agents;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    Object credentials = authentication.getCredentials();
    char[] password = credentials == null ? new char[0] : credentials.toString().toCharArray();
    return agents
        .authenticate(authentication.getName(), password)
        .map(a -> UsernamePasswordAuthenticationToken.authenticated(a, null, List.of(AGENT)))
        .orElseThrow(
            () -> new BadCredentialsException("Unknown agent or wrong password. Try again."));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
