package dev.passwordreset.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a host test suite without Logback (and without SLF4J) does with the testkit, called as
 * compiled code calls it (no reflection on the testkit's classes). {@link LogCaptureTest} loads it
 * in a class loader that sees only the testkit, the api and JUnit's api; it must not use anything
 * else.
 */
public final class WithoutLogbackProbe implements Supplier<List<String>> {

  /** Created by reflection in the isolated class loader. */
  public WithoutLogbackProbe() {}

  @Override
  public List<String> get() {
    List<String> seen = new ArrayList<>();
    seen.add("available=" + LogCapture.isAvailable());
    try (LogCapture log = LogCapture.root()) {
      seen.add("captured: " + log);
    } catch (IllegalStateException e) {
      seen.add(e.getMessage());
    }
    // The watch still checks what it is handed, it just reads no log lines.
    SecretWatchExtension.startWatching();
    SecretWatchExtension.secret("Probe-Passw0rd!");
    SecretWatchExtension.inspect("an event with Probe-Passw0rd!");
    try {
      SecretWatchExtension.finishWatching();
      seen.add("no leak reported");
    } catch (AssertionError e) {
      seen.add(e.getMessage());
    }
    return seen;
  }
}
