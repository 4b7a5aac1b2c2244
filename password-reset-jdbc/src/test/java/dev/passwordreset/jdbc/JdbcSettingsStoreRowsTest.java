package dev.passwordreset.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.ResetSettings;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the settings table is read when rows are missing, unknown or edited by hand. */
class JdbcSettingsStoreRowsTest {

  private final TestDatabase db = TestDatabase.h2();
  private final JdbcSettingsStore store = JdbcSettingsStore.create(db.dataSource(), db.dialect());

  @BeforeEach
  void empty() {
    db.deleteAll(JdbcSchema.DEFAULT_SETTINGS_TABLE);
  }

  @Test
  void missingRowsTakeTheirDefaultsAndUnknownRowsAreIgnored() {
    db.execute(
        "INSERT INTO password_reset_settings VALUES ('allowManualEntry', 'true')",
        "INSERT INTO password_reset_settings VALUES ('agentLinkLifetime', 'PT2H')",
        "INSERT INTO password_reset_settings VALUES ('someFutureSetting', 'whatever')");

    assertThat(store.load())
        .contains(
            ResetSettings.defaults()
                .withAllowManualEntry(true)
                .withAgentLinkLifetime(Duration.ofHours(2)));
  }

  @Test
  void rowsAreReadableText() {
    store.save(ResetSettings.defaults().withSelfServiceLinkLifetime(Duration.ofMinutes(45)));

    db.execute(
        "UPDATE password_reset_settings SET setting_value = 'PT20M'"
            + " WHERE setting_key = 'selfServiceLinkLifetime'");

    assertThat(store.load().orElseThrow().selfServiceLinkLifetime())
        .isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void aValueThatDoesNotParseFailsNamingTheSetting() {
    db.execute("INSERT INTO password_reset_settings VALUES ('ticketExpirationDelay', 'an hour')");

    assertThatThrownBy(store::load)
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("ticketExpirationDelay")
        .hasMessageContaining("an hour");
  }

  @Test
  void aValueOutsideItsRangeFailsNamingTheSetting() {
    db.execute("INSERT INTO password_reset_settings VALUES ('selfServiceLinkLifetime', 'PT1S')");

    assertThatThrownBy(store::load)
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("selfServiceLinkLifetime");
  }
}
