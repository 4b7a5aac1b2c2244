package dev.passwordreset.core.fault;

import dev.passwordreset.api.PasswordResetException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a wrapped component fails: at one chosen call (1-based), from a chosen call on, or never.
 * Counts every call so that a clean run tells how many steps there are to walk. Thread-safe.
 */
final class Fault {
  private final String component;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile int failAt;
  private volatile boolean persistent;

  Fault(String component) {
    this.component = component;
  }

  /** Fails the {@code n}th call from now (1-based) only; 0 never. */
  void failAt(int n) {
    calls.set(0);
    failAt = n;
    persistent = false;
  }

  /** Fails the {@code n}th call from now and every later one. */
  void failFrom(int n) {
    calls.set(0);
    failAt = n;
    persistent = true;
  }

  void off() {
    failAt = 0;
    persistent = false;
  }

  void resetCount() {
    calls.set(0);
  }

  int calls() {
    return calls.get();
  }

  /** Counts a call, and throws if it is the chosen one; called before the real call. */
  void step(String operation) {
    int n = calls.incrementAndGet();
    int at = failAt;
    if (at > 0 && (n == at || (persistent && n > at))) {
      throw new PasswordResetException(
          "injected fault: " + component + " call " + n + " (" + operation + ")");
    }
  }
}
