package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.JsonNode;

/**
 * The README's table of properties says what the configuration metadata says (which {@link
 * ConfigurationMetadataTest} holds to core): every property is there, with the metadata's default,
 * and a property without a default shows none.
 */
class ReadmePropertiesTest {

  @Test
  void readmeTableListsEveryPropertyWithTheDefaultOfTheMetadata() throws Exception {
    Map<String, JsonNode> metadata = ConfigurationMetadataTest.properties();
    Map<String, Optional<String>> readme = readmeTable();

    assertThat(readme.keySet())
        .as("properties in the README's table")
        .containsExactlyInAnyOrderElementsOf(metadata.keySet());
    readme.forEach(
        (name, documented) -> {
          JsonNode property = metadata.get(name);
          if (!property.has("defaultValue")) {
            assertThat(documented).as(name + " has no default").isEmpty();
          } else if ("java.time.Duration".equals(property.path("type").asString())) {
            assertThat(documented.map(DurationStyle::detectAndParse))
                .as(name)
                .contains(DurationStyle.detectAndParse(property.path("defaultValue").asString()));
          } else {
            assertThat(documented).as(name).contains(property.path("defaultValue").asString());
          }
        });
  }

  /**
   * The rows of the README's property table: each property with the default shown in code font, if
   * any. A row may name several properties ({@code `a.b.c` / `.d`} or {@code `a.b.c`, `.d`}, with
   * as many defaults or none); {@code <name>} stands for a map's keys.
   */
  private static Map<String, Optional<String>> readmeTable() throws Exception {
    Map<String, Optional<String>> table = new LinkedHashMap<>();
    for (String line : Files.readAllLines(readme(), StandardCharsets.UTF_8)) {
      if (!line.startsWith("| `password-reset.")) {
        continue;
      }
      String[] cells = line.split("\\|");
      List<String> names = codeSpans(cells[1]);
      List<String> defaults = codeSpans(cells[2]);
      assertThat(defaults)
          .as(line)
          .satisfiesAnyOf(d -> assertThat(d).isEmpty(), d -> assertThat(d).hasSameSizeAs(names));
      String first = names.get(0);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (name.startsWith(".")) {
          name = first.substring(0, first.lastIndexOf('.')) + name;
        }
        int mapKey = name.indexOf(".<name>");
        if (mapKey >= 0) {
          name = name.substring(0, mapKey);
        }
        table.put(name, defaults.isEmpty() ? Optional.empty() : Optional.of(defaults.get(i)));
      }
    }
    return table;
  }

  private static List<String> codeSpans(String cell) {
    List<String> spans = new ArrayList<>();
    int start = cell.indexOf('`');
    while (start >= 0) {
      int end = cell.indexOf('`', start + 1);
      spans.add(cell.substring(start + 1, end));
      start = cell.indexOf('`', end + 1);
    }
    return spans;
  }

  private static Path readme() {
    Path folder = Path.of("").toAbsolutePath();
    while (!Files.exists(folder.resolve("README.md")) || !Files.exists(folder.resolve("pom.xml"))) {
      folder = folder.getParent();
      assertThat(folder).as("README.md above the module").isNotNull();
    }
    return folder.resolve("README.md");
  }
}
