package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.support.Fixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 16 item 3 and issue 14 item 2, the verification side: both forms of the password for every
 * format, as many verifications whatever the account holds, never a weaker re-hash, wrapped Argon2
 * hashes unwrapped, unknown formats logged once without the hash.
 */
class LegacyLoginTest {

  /** NFKC changes it: ² becomes 2 and º becomes o. */
  private static final String NFKC_CHANGES = "Soleil²-Año-1º";

  /** {@link LegacyHashes#SHA256}, counting its verifications. */
  private static final class CountingLegacy implements LegacyPasswordVerifier {
    final AtomicInteger verifications = new AtomicInteger();

    @Override
    public boolean supports(String encoded) {
      return LegacyHashes.SHA256.supports(encoded);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
      verifications.incrementAndGet();
      return LegacyHashes.SHA256.verify(password, encoded);
    }
  }

  /** {@code {wrapped}} + an Argon2 PHC string, as Django's {@code argon2$} or Spring's prefix. */
  private static final LegacyPasswordVerifier WRAPPED =
      new LegacyPasswordVerifier() {
        @Override
        public boolean supports(String encoded) {
          return encoded.startsWith("{wrapped}$argon2");
        }

        @Override
        public boolean verify(char[] password, String encoded) {
          throw new AssertionError("the engine verifies the unwrapped form with its own hasher");
        }

        @Override
        public Optional<String> nativeForm(String encoded) {
          return Optional.of(encoded.substring("{wrapped}".length()));
        }
      };

  @Test
  void aWrongPasswordCostsAsManyVerificationsWhateverTheAccountHolds() {
    RecordingHasher hasher = new RecordingHasher();
    CountingLegacy legacy = new CountingLegacy();
    try (Fixture f = new Fixture(b -> b.hasher(hasher).legacyVerifier(legacy))) {
      f.customer("c1", "lib@example.com", "Old-Passw0rd!");
      CustomerAccount old = f.customer("c2", "old@example.com", "Unused-Pw-1!");
      f.customers.updatePassword(old.id(), StoredPassword.of(LegacyHashes.sha256("Old-Passw0rd!")));
      CustomerAccount odd = f.customer("c3", "odd@example.com", "Unused-Pw-1!");
      f.customers.updatePassword(odd.id(), StoredPassword.of("$zz$unknown-format-value"));

      for (String wrong : new String[] {"Wrong-Passw0rd!", "Wrong-²-Passw0rd!"}) {
        int expected = wrong.contains("²") ? 2 : 1;
        Map<String, String> emails = new LinkedHashMap<>();
        emails.put("library hash", "lib@example.com");
        emails.put("legacy hash", "old@example.com");
        emails.put("unknown format", "odd@example.com");
        emails.put("unknown email", "nobody@example.com");
        emails.forEach(
            (kind, email) -> {
              hasher.reset();
              legacy.verifications.set(0);
              assertThat(f.engine.checkLogin(email, pw(wrong), CLIENT))
                  .isEqualTo(new LoginCheck.Invalid());
              assertThat(hasher.verifications() + legacy.verifications.get())
                  .as(kind + ", " + wrong)
                  .isEqualTo(expected);
            });
      }
    }
  }

  @Test
  void aLegacyCheckRunsOnceWhenNormalizationChangesNothing() {
    CountingLegacy legacy = new CountingLegacy();
    try (Fixture f = new Fixture(b -> b.legacyVerifier(legacy))) {
      CustomerAccount old = f.customer("c2", "old@example.com", "Unused-Pw-1!");
      f.customers.updatePassword(old.id(), StoredPassword.of(LegacyHashes.sha256("Old-Passw0rd!")));

      assertThat(f.engine.checkLogin("old@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(old.id()));
      assertThat(legacy.verifications).hasValue(1);
    }
  }

  @Test
  void aForeignArgon2HashOfAPasswordNfkcChangesVerifiesAsTypedAndIsKeptWhenNotWeaker() {
    try (Fixture f = new Fixture()) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Unused-Pw-1!");
      // made elsewhere (PHP, passlib, the argon2 CLI) of the password as typed, not normalized
      String foreign = Fixture.FAST_HASHER.hash(NFKC_CHANGES.toCharArray());
      f.customers.updatePassword(ann.id(), StoredPassword.of(foreign));

      assertThat(f.engine.checkLogin("ann@example.com", pw("Soleil2-Año-1o-x"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(f.engine.checkLogin("ann@example.com", pw(NFKC_CHANGES), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(f.customers.findPassword(ann.id()).orElseThrow().hash()).isEqualTo(foreign);
      assertThat(f.engine.checkLogin("ann@example.com", pw(NFKC_CHANGES), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
    }
  }

  @Test
  void aForeignHashWeakerThanConfiguredIsReplacedByAHashOfTheNormalizedPassword() {
    Argon2PasswordHasher stronger =
        Argon2PasswordHasher.builder().memoryKiB(2048).iterations(2).parallelism(1).build();
    try (Fixture f = new Fixture(b -> b.hasher(stronger))) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Unused-Pw-1!");
      String foreign = Fixture.FAST_HASHER.hash(NFKC_CHANGES.toCharArray()); // m=1024, t=1
      f.customers.updatePassword(ann.id(), StoredPassword.of(foreign));

      assertThat(f.engine.checkLogin("ann@example.com", pw(NFKC_CHANGES), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      String after = f.customers.findPassword(ann.id()).orElseThrow().hash();
      assertThat(after).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
      assertThat(stronger.verify("Soleil2-Año-1o".toCharArray(), after)).isTrue();
      assertThat(f.engine.checkLogin("ann@example.com", pw(NFKC_CHANGES), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
    }
  }

  @Test
  void aHashStrongerInOneParameterIsNeverRewrittenWeaker() {
    Argon2PasswordHasher moreMemory =
        Argon2PasswordHasher.builder().memoryKiB(4096).iterations(1).parallelism(2).build();
    Argon2PasswordHasher morePasses =
        Argon2PasswordHasher.builder().memoryKiB(2048).iterations(3).parallelism(1).build();
    try (Fixture f = new Fixture(b -> b.hasher(morePasses))) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Unused-Pw-1!");
      String strong = moreMemory.hash("Old-Passw0rd!".toCharArray());
      f.customers.updatePassword(ann.id(), StoredPassword.of(strong));

      assertThat(f.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(f.customers.findPassword(ann.id()).orElseThrow().hash()).isEqualTo(strong);
      assertThat(f.events(ResetEventType.PASSWORD_REHASHED)).isEmpty();
    }
  }

  @Test
  void aWrappedArgon2HashIsStoredUnwrappedWhenStrongEnoughAndReHashedWhenWeaker() {
    Argon2PasswordHasher strong =
        Argon2PasswordHasher.builder().memoryKiB(2048).iterations(2).parallelism(1).build();
    try (Fixture f = new Fixture(b -> b.legacyVerifier(WRAPPED))) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Unused-Pw-1!");
      CustomerAccount bob = f.customer("c2", "bob@example.com", "Unused-Pw-1!");
      String annPhc = strong.hash(NFKC_CHANGES.toCharArray());
      f.customers.updatePassword(ann.id(), StoredPassword.of("{wrapped}" + annPhc));
      String weak =
          Argon2PasswordHasher.builder()
              .memoryKiB(512)
              .iterations(1)
              .build()
              .hash("Old-Passw0rd!".toCharArray());
      f.customers.updatePassword(bob.id(), StoredPassword.of("{wrapped}" + weak));

      assertThat(f.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(f.engine.checkLogin("ann@example.com", pw(NFKC_CHANGES), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(f.customers.findPassword(ann.id()).orElseThrow().hash()).isEqualTo(annPhc);
      assertThat(f.events(ResetEventType.PASSWORD_REHASHED).get(0).details())
          .containsEntry("from", "legacy-unwrapped");
      assertThat(f.engine.checkLogin("ann@example.com", pw(NFKC_CHANGES), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));

      assertThat(f.engine.checkLogin("bob@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(bob.id()));
      assertThat(f.customers.findPassword(bob.id()).orElseThrow().hash())
          .startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    }
  }

  @Test
  void anUnknownFormatIsLoggedOnceByItsPrefixNeverWithTheHash() {
    Logger logger = (Logger) LoggerFactory.getLogger(Logins.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (Fixture f = new Fixture()) {
      CustomerAccount ann = f.customer("c1", "ann@example.com", "Unused-Pw-1!");
      CustomerAccount bob = f.customer("c2", "bob@example.com", "Unused-Pw-1!");
      f.customers.updatePassword(ann.id(), StoredPassword.of("$2x$10$SecretSaltAndHashValue1234"));
      f.customers.updatePassword(bob.id(), StoredPassword.of("$2x$10$OtherSaltAndHashValue56789"));

      for (String email : new String[] {"ann@example.com", "bob@example.com", "ann@example.com"}) {
        assertThat(f.engine.checkLogin(email, pw("Old-Passw0rd!"), CLIENT))
            .isEqualTo(new LoginCheck.Invalid());
      }

      assertThat(appender.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getFormattedMessage()).contains("prefix $2x$");
                assertThat(e.getFormattedMessage()).doesNotContain("Secret").doesNotContain("10$");
              });
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void formatLabelsNameThePrefixOrTheShapeOnly() {
    assertThat(Logins.formatLabel("{MD5}{salt}abcdef")).isEqualTo("prefix {MD5}");
    assertThat(Logins.formatLabel("sha1$salt$abcdef")).isEqualTo("prefix sha1$");
    assertThat(Logins.formatLabel("0123abcd:salt:9"))
        .isEqualTo("no known prefix, 15 characters, 2 ':'");
    assertThat(Logins.formatLabel("$a b$rest")).isEqualTo("no known prefix, 9 characters, 0 ':'");
  }
}
