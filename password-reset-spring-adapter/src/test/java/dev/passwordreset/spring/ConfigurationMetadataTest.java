package dev.passwordreset.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata the configuration processor generated, which IDEs use to complete properties. */
class ConfigurationMetadataTest {

  /** Every password-reset.* property of the generated file, by name. */
  private static Map<String, JsonNode> properties() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (URL url :
        Collections.list(
            ConfigurationMetadataTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          String name = property.path("name").asString();
          if (name.startsWith("password-reset.")) {
            found.put(name, property);
          }
        }
      }
    }
    return found;
  }

  @Test
  void everyPropertyHasADescription() throws Exception {
    Map<String, JsonNode> properties = properties();
    List<String> undocumented = new ArrayList<>();
    properties.forEach(
        (name, property) -> {
          if (property.path("description").asString("").isBlank()) {
            undocumented.add(name);
          }
        });

    assertThat(properties).hasSizeGreaterThan(40);
    assertThat(undocumented).isEmpty();
  }

  @Test
  void metadataListsTheIssuesPropertiesWithTheirDefaults() throws Exception {
    Map<String, JsonNode> properties = properties();

    assertThat(properties)
        .containsKeys(
            "password-reset.allow-manual-entry",
            "password-reset.ticket-expiration-delay",
            "password-reset.link-lifetime.self-service",
            "password-reset.link-lifetime.agent",
            "password-reset.link-lifetime.account-setup",
            "password-reset.link-template",
            "password-reset.storefronts",
            "password-reset.sign-in-after-reset",
            "password-reset.throttle.account-requests.count",
            "password-reset.throttle.client-requests.window",
            "password-reset.policy.preset",
            "password-reset.policy.require-special",
            "password-reset.policy.min-length",
            "password-reset.hashing.memory-kib",
            "password-reset.hashing.max-concurrent-hashes",
            "password-reset.mail.from",
            "password-reset.mail.reply-to",
            "password-reset.mail.time-zone",
            "password-reset.mail.enabled",
            "password-reset.session.invalidate-on-password-change",
            "password-reset.purge.cron",
            "password-reset.purge.fixed-delay",
            "password-reset.web.enabled",
            "password-reset.web.base-path",
            "password-reset.jdbc.initialize-schema");
    assertThat(
            properties
                .get("password-reset.ticket-expiration-delay")
                .path("defaultValue")
                .asString())
        .isEqualTo("60m");
    assertThat(
            properties
                .get("password-reset.throttle.account-requests.count")
                .path("defaultValue")
                .asInt())
        .isEqualTo(3);
  }
}
