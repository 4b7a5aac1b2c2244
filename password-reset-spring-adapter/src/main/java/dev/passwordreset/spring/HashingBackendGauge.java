package dev.passwordreset.spring;

import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Shows which Argon2id implementation hashes passwords: the gauge {@value #GAUGE}, value 1, tagged
 * {@code backend=libsodium} or {@code backend=argon2_jvm} ({@link Argon2PasswordHasher#backend()}
 * in lower case). Registered only when the context's one hasher is an {@link Argon2PasswordHasher}.
 */
final class HashingBackendGauge {

  /** The gauge's name. */
  static final String GAUGE = "password.reset.hashing.backend";

  HashingBackendGauge(MeterRegistry registry, @Nullable PasswordHasher hasher) {
    if (hasher instanceof Argon2PasswordHasher argon2) {
      Gauge.builder(GAUGE, () -> 1)
          .description("The Argon2id implementation in use (see the backend tag)")
          .tag("backend", argon2.backend().name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }
}
