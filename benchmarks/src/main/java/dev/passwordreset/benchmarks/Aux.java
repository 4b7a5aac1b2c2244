package dev.passwordreset.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Side results that JMH does not carry (background throughput, memory): appended as {@code
 * key<TAB>value<TAB>unit} lines to the file named by the system property {@code bench.aux}.
 */
final class Aux {
  private Aux() {}

  static synchronized void record(String key, double value, String unit) {
    String line = String.format(Locale.ROOT, "%s\t%.3f\t%s%n", key, value, unit);
    System.out.print("# aux " + line);
    String file = System.getProperty("bench.aux");
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
