package dev.passwordreset.core;

import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.core.support.Fixture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixture's cheap hasher, keeping every array it is handed (to check afterwards that the engine
 * cleared it) and counting verifications (each costs the same, known account or not).
 */
final class RecordingHasher implements PasswordHasher {
  private final List<char[]> handed = new CopyOnWriteArrayList<>();
  private final AtomicInteger verifications = new AtomicInteger();

  @Override
  public String hash(char[] password) {
    handed.add(password);
    return Fixture.FAST_HASHER.hash(password);
  }

  @Override
  public boolean verify(char[] password, String encoded) {
    handed.add(password);
    verifications.incrementAndGet();
    return Fixture.FAST_HASHER.verify(password, encoded);
  }

  @Override
  public boolean needsRehash(String encoded) {
    return Fixture.FAST_HASHER.needsRehash(encoded);
  }

  @Override
  public boolean supports(String encoded) {
    return Fixture.FAST_HASHER.supports(encoded);
  }

  /** Forgets what it was handed so far (e.g. the engine's own dummy at start). */
  void reset() {
    handed.clear();
    verifications.set(0);
  }

  /** The arrays handed since the last reset. */
  List<char[]> handed() {
    return List.copyOf(handed);
  }

  /** The verifications since the last reset. */
  int verifications() {
    return verifications.get();
  }

  static boolean cleared(char[] password) {
    for (char c : password) {
      if (c != '\0') {
        return false;
      }
    }
    return true;
  }
}
