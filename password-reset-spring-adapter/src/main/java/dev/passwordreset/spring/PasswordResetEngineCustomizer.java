package dev.passwordreset.spring;

import dev.passwordreset.core.PasswordResetEngine;

/**
 * A hook for anything the properties do not cover: every bean of this type is applied, in {@link
 * org.springframework.core.annotation.Order} order, to the engine's builder after the properties
 * and the other beans, just before the engine is built. For example a legacy-hash verifier, a
 * host's executor or a clock:
 *
 * <pre>{@code
 * @Bean
 * PasswordResetEngineCustomizer legacyHashes() {
 *   return builder -> builder.legacyVerifier(new Pbkdf2LegacyVerifier());
 * }
 * }</pre>
 *
 * <p>Called once, on the thread that creates the beans.
 */
@FunctionalInterface
public interface PasswordResetEngineCustomizer {

  /**
   * Adjusts the builder. A builder setter that rejects a value throws {@link
   * IllegalArgumentException}, which stops start-up.
   *
   * @param builder the builder, already fed from the properties and beans
   */
  void customize(PasswordResetEngine.Builder builder);
}
