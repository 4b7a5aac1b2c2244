package dev.passwordreset.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md keeps its promise: every row of its "proof" tables names a test or states a reason,
 * and every test it names exists, so a renamed or deleted test cannot leave a row proving nothing.
 */
class SecurityDocTest {

  /** A reference: {@code pkg.ClassTest#method}, {@code ClassTest#method} or {@code #method}. */
  private static final Pattern REFERENCE =
      Pattern.compile("`((?:[a-z]+\\.)*[A-Z][A-Za-z0-9]*)?(?:#([a-zA-Z0-9_]+))?`");

  /** Words that stand for a proof given in another row or cell. */
  private static final Pattern CROSS_REFERENCE =
      Pattern.compile("reason:|same test|as above|\\bas (ASVS|2\\.|[0-9])|see the ");

  private static Path root;
  private static List<Path> testSources;
  private static List<Row> rows;

  @BeforeAll
  static void read() throws IOException {
    root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("SECURITY.md"))) {
      root = root.getParent();
      assertThat(root).as("SECURITY.md above " + Path.of("").toAbsolutePath()).isNotNull();
    }
    try (Stream<Path> files = Files.walk(root)) {
      testSources =
          files
              .filter(p -> p.toString().replace('\\', '/').contains("/src/test/java/"))
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList();
    }
    rows = proofRows(Files.readAllLines(root.resolve("SECURITY.md"), StandardCharsets.UTF_8));
  }

  @Test
  void theTablesHaveTheirRows() {
    // The cheat sheet, ASVS 5.0, ASVS 4.0.3 and NIST tables: dozens of rows, not a lost table.
    assertThat(rows).hasSizeGreaterThan(60);
  }

  @Test
  void everyRowNamesATestOrStatesAReason() {
    List<String> bare = new ArrayList<>();
    for (Row row : rows) {
      boolean namesATest = REFERENCE.matcher(row.proof).results().anyMatch(m -> m.group(2) != null);
      boolean namesATestClass =
          REFERENCE.matcher(row.proof).results().anyMatch(m -> isTestClass(m.group(1)));
      if (!namesATest && !namesATestClass && !CROSS_REFERENCE.matcher(row.proof).find()) {
        bare.add("line " + row.line + ": " + row.proof);
      }
    }
    assertThat(bare).as("rows with neither a test nor a reason").isEmpty();
  }

  @Test
  void everyTestItNamesExists() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Row row : rows) {
      String currentClass = null;
      Matcher m = REFERENCE.matcher(row.proof);
      while (m.find()) {
        String cls = m.group(1);
        String method = m.group(2);
        if (cls != null && !isTestClass(cls)) {
          continue; // an API name such as `Clock` or `SecureRandom`, not a test
        }
        if (cls != null) {
          currentClass = cls;
        }
        if (currentClass == null) {
          missing.add("line " + row.line + ": #" + method + " names no class");
          continue;
        }
        Optional<Path> source = source(currentClass);
        if (source.isEmpty()) {
          missing.add("line " + row.line + ": no test class " + currentClass);
        } else if (method != null && !declares(source.get(), method)) {
          missing.add("line " + row.line + ": no test " + currentClass + "#" + method);
        }
      }
    }
    assertThat(missing).as("tests SECURITY.md names that do not exist").isEmpty();
  }

  private static boolean isTestClass(String cls) {
    return cls != null
        && (cls.endsWith("Test") || cls.endsWith("Properties") || cls.endsWith("TestBase"));
  }

  private static Optional<Path> source(String cls) {
    String suffix = "/" + cls.replace('.', '/') + ".java";
    return testSources.stream()
        .filter(p -> p.toString().replace('\\', '/').endsWith(suffix))
        .findFirst();
  }

  private static boolean declares(Path source, String method) throws IOException {
    String text = Files.readString(source, StandardCharsets.UTF_8);
    return Pattern.compile("[\\w>]\\s+" + Pattern.quote(method) + "\\s*\\(").matcher(text).find();
  }

  /** The last cell of every body row of the tables whose last header is "proof". */
  private static List<Row> proofRows(List<String> lines) {
    List<Row> result = new ArrayList<>();
    boolean inProofTable = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("|")) {
        inProofTable = false;
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      String last = cells[cells.length - 1].strip();
      if (last.isEmpty() && cells.length > 1) {
        last = cells[cells.length - 2].strip();
      }
      if (last.equals("proof")) {
        inProofTable = true;
      } else if (inProofTable && !last.startsWith("---")) {
        result.add(new Row(i + 1, last));
      }
    }
    return result;
  }

  private record Row(int line, String proof) {}
}
