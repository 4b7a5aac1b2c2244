package dev.passwordreset.spring;

import dev.passwordreset.api.CustomerId;
import org.jspecify.annotations.Nullable;

/**
 * Maps a customer to the principal name that Spring Session indexes the customer's sessions by
 * ({@code FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME}), so that the customer's
 * sessions can be ended after a password change. The default bean uses the customer id as it is;
 * define a bean of this type when the host signs customers in under another name (often the email).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PrincipalNameResolver {

  /**
   * The principal name of a customer's sessions.
   *
   * @param customerId the customer whose password changed
   * @return the principal name, or {@code null} when the customer has no sessions to end
   */
  @Nullable String principalName(CustomerId customerId);
}
