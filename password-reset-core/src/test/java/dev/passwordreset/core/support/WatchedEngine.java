package dev.passwordreset.core.support;

import dev.passwordreset.api.PasswordResetService;

/**
 * The engine as a test sees it through {@link
 * dev.passwordreset.testkit.SecretWatchExtension#watch}: the service, and close.
 */
public interface WatchedEngine extends PasswordResetService, AutoCloseable {
  @Override
  void close();
}
