package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.hash.Pbkdf2LegacyVerifier;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManualEntryAndLoginTest {

  private static final AgentContext AGENT = AgentContext.of("agent-42");
  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  private void allowManualEntry() {
    fx.engine.updateSettings(
        fx.engine.settings().withAllowManualEntry(true), AgentContext.of("admin"));
  }

  @Test
  void manualEntryIsRefusedWhileTheSettingIsOffAndAcceptedOnceTurnedOnWithoutRestart() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    assertThat(fx.engine.setPassword(ann.id(), pw("Agent-Typed-1!"), false, AGENT))
        .isEqualTo(new ManualEntryOutcome.ManualEntryDisabled());
    assertThat(fx.events(ResetEventType.MANUAL_ENTRY_REFUSED)).hasSize(1);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);

    allowManualEntry();

    assertThat(fx.engine.setPassword(ann.id(), pw("Agent-Typed-1!"), false, AGENT))
        .isEqualTo(new ManualEntryOutcome.PasswordSet(null));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Agent-Typed-1!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
    assertThat(fx.events(ResetEventType.MANUAL_PASSWORD_SET).get(0).agentId())
        .isEqualTo("agent-42");
    fx.mail.await("ann@example.com", NotificationType.PASSWORD_CHANGED);
  }

  @Test
  void manualEntryBreakingThePolicyListsEveryBrokenRule() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    allowManualEntry();

    ManualEntryOutcome outcome = fx.engine.setPassword(ann.id(), pw("short"), false, AGENT);

    assertThat(outcome).isInstanceOf(ManualEntryOutcome.Rejected.class);
    assertThat(((ManualEntryOutcome.Rejected) outcome).violations())
        .extracting(PolicyViolation::rule)
        .contains("min-length", "uppercase", "digit", "special");
    assertThat(((ManualEntryOutcome.Rejected) outcome).violations())
        .allSatisfy(v -> assertThat(v.message()).isNotBlank());
  }

  @Test
  void manualEntryRevokesOutstandingLinks() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String token = fx.requestToken("ann@example.com");
    allowManualEntry();

    fx.engine.setPassword(ann.id(), pw("Agent-Typed-1!"), true, AGENT);

    assertThat(fx.engine.checkToken(token, CLIENT))
        .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
  }

  /**
   * The forced change needs no second typing of the temporary password (issue 18): the login's
   * change token sets the new password through completeReset, once, and dies with the temporary
   * password.
   */
  @Test
  void theMustChangeTokenSetsTheNewPasswordOnceWithoutTheTemporaryOneAgain() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    allowManualEntry();
    fx.engine.setPassword(ann.id(), pw("Temp-Passw0rd!"), true, AGENT);

    LoginCheck.MustChange first =
        (LoginCheck.MustChange)
            fx.engine.checkLogin("ann@example.com", pw("Temp-Passw0rd!"), CLIENT);
    assertThat(first.changeToken()).isNotBlank();
    assertThat(first.toString()).doesNotContain(first.changeToken());
    assertThat(fx.engine.checkToken(first.changeToken(), CLIENT))
        .isEqualTo(new TokenCheck.Valid(ann.id(), TicketPurpose.AGENT_RESET, first.expiresAt()));

    assertThat(fx.engine.completeReset(first.changeToken(), pw("Chosen-Tulip-7!"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Chosen-Tulip-7!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
    assertThat(fx.engine.completeReset(first.changeToken(), pw("Again-Tulip-8!"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.USED));

    // A token not used in time dies with its temporary password.
    fx.engine.setPassword(ann.id(), pw("Temp-Passw0rd!2"), true, AGENT);
    LoginCheck.MustChange second =
        (LoginCheck.MustChange)
            fx.engine.checkLogin("ann@example.com", pw("Temp-Passw0rd!2"), CLIENT);
    fx.clock.advance(Duration.ofMinutes(61));
    assertThat(fx.engine.completeReset(second.changeToken(), pw("Too-Late-Tulip-9!"), CLIENT))
        .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.EXPIRED));
  }

  @Test
  void temporaryPasswordDemandsAChangeInsideTheDelayAndExpiresAfterIt() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    allowManualEntry();
    Instant expected = fx.clock.instant().plus(Duration.ofMinutes(60));

    assertThat(fx.engine.setPassword(ann.id(), pw("Temp-Passw0rd!"), true, AGENT))
        .isEqualTo(new ManualEntryOutcome.PasswordSet(expected));

    fx.clock.advance(Duration.ofMinutes(60).minusSeconds(1));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Temp-Passw0rd!"), CLIENT))
        .isInstanceOfSatisfying(
            LoginCheck.MustChange.class,
            m -> {
              assertThat(m.customerId()).isEqualTo(ann.id());
              assertThat(m.expiresAt()).isEqualTo(expected);
            });
    fx.clock.advance(Duration.ofSeconds(2));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Temp-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.TemporaryExpired(ann.id()));

    // The self-service reset still works for the customer.
    String token = fx.requestToken("ann@example.com");
    assertThat(fx.engine.completeReset(token, pw("Mine-Again-42!"), CLIENT))
        .isInstanceOf(ResetOutcome.Completed.class);
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Mine-Again-42!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
  }

  @Test
  void temporaryPasswordUsesTheDelayInForceWhenItIsSet() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.updateSettings(
        fx.engine
            .settings()
            .withAllowManualEntry(true)
            .withTicketExpirationDelay(Duration.ofMinutes(5)),
        AgentContext.of("admin"));

    ManualEntryOutcome outcome = fx.engine.setPassword(ann.id(), pw("Temp-Passw0rd!"), true, AGENT);

    assertThat(outcome)
        .isEqualTo(new ManualEntryOutcome.PasswordSet(fx.clock.instant().plusSeconds(300)));
  }

  @Test
  void forcedChangeAfterTemporaryPasswordClearsTheFlag() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    allowManualEntry();
    fx.engine.setPassword(ann.id(), pw("Temp-Passw0rd!"), true, AGENT);

    assertThat(
            fx.engine.changePassword(ann.id(), pw("Temp-Passw0rd!"), pw("Temp-Passw0rd!"), CLIENT))
        .isInstanceOfSatisfying(
            ChangeOutcome.Rejected.class,
            r ->
                assertThat(r.violations())
                    .extracting(PolicyViolation::rule)
                    .containsExactly("same-as-current"));
    assertThat(
            fx.engine.changePassword(ann.id(), pw("Wrong-Passw0rd!"), pw("Mine-Now-42!"), CLIENT))
        .isEqualTo(new ChangeOutcome.WrongCurrentPassword());
    assertThat(fx.engine.changePassword(ann.id(), pw("Temp-Passw0rd!"), pw("weak"), CLIENT))
        .isInstanceOf(ChangeOutcome.Rejected.class);

    assertThat(fx.engine.changePassword(ann.id(), pw("Temp-Passw0rd!"), pw("Mine-Now-42!"), CLIENT))
        .isEqualTo(new ChangeOutcome.Changed());

    fx.clock.advance(Duration.ofDays(2));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Mine-Now-42!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(ann.id()));
    assertThat(fx.events(ResetEventType.PASSWORD_CHANGED)).hasSize(1);
    assertThat(fx.events(ResetEventType.PASSWORD_CHANGED).get(0).type().changesPassword()).isTrue();
  }

  @Test
  void changePasswordWithAnExpiredTemporaryPasswordIsRefused() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    allowManualEntry();
    fx.engine.setPassword(ann.id(), pw("Temp-Passw0rd!"), true, AGENT);
    fx.clock.advance(Duration.ofMinutes(61));

    assertThat(fx.engine.changePassword(ann.id(), pw("Temp-Passw0rd!"), pw("Mine-Now-42!"), CLIENT))
        .isEqualTo(new ChangeOutcome.WrongCurrentPassword());
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");

    assertThat(fx.engine.checkLogin("nobody@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
  }

  @Test
  void repeatedFailuresThrottleTheAccountWhateverTheClientAndThenTheClient() {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    for (int i = 0; i < 10; i++) {
      fx.engine.checkLogin("ann@example.com", pw("Wrong-" + i), RequestContext.of("10.0.0." + i));
    }

    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Throttled.class);
    fx.clock.advance(Duration.ofMinutes(15));
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Valid.class);

    for (int i = 0; i < 100; i++) {
      fx.engine.checkLogin("user" + i + "@example.com", pw("Wrong-Pw"), CLIENT);
    }
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Throttled.class);
    assertThat(
            fx.engine.checkLogin(
                "ann@example.com", pw("Old-Passw0rd!"), RequestContext.of("192.0.2.9")))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void legacyPbkdf2HashIsMigratedToArgon2idAtLoginAndTheNextLoginStillWorks() {
    try (Fixture legacy = new Fixture(b -> b.legacyVerifier(new Pbkdf2LegacyVerifier()))) {
      CustomerAccount ann = legacy.customer("c1", "ann@example.com", "Unused-Pw-1!");
      // PBKDF2-HMAC-SHA256("password", "salt", 4096 iterations), in passlib's format.
      String pbkdf2 = "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o";
      legacy.customers.updatePassword(ann.id(), StoredPassword.of(pbkdf2));

      assertThat(legacy.engine.checkLogin("ann@example.com", pw("password"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));

      String stored = legacy.customers.findPassword(ann.id()).orElseThrow().hash();
      assertThat(stored).startsWith("$argon2id$");
      assertThat(legacy.engine.checkLogin("ann@example.com", pw("password"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(legacy.engine.checkLogin("ann@example.com", pw("Password"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(legacy.events(ResetEventType.PASSWORD_REHASHED).get(0).detail("from"))
          .isEqualTo("legacy");
    }
  }

  @Test
  void legacyHashWithoutItsVerifierNeverMatches() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Unused-Pw-1!");
    fx.customers.updatePassword(
        ann.id(),
        StoredPassword.of(
            "$pbkdf2-sha256$4096$c2FsdA$xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o"));

    assertThat(fx.engine.checkLogin("ann@example.com", pw("password"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
  }

  @Test
  void raisingArgon2ParametersRehashesAtTheNextSuccessfulLogin() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    String weak = fx.customers.findPassword(ann.id()).orElseThrow().hash();
    assertThat(weak).contains("m=1024,t=1,p=1");
    Argon2PasswordHasher stronger =
        Argon2PasswordHasher.builder().memoryKiB(2048).iterations(2).parallelism(1).build();

    try (Fixture upgraded = new Fixture(b -> b.customerStore(fx.customers).hasher(stronger))) {
      assertThat(upgraded.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(fx.customers.findPassword(ann.id()).orElseThrow().hash()).isEqualTo(weak);

      assertThat(upgraded.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));

      String rehashed = fx.customers.findPassword(ann.id()).orElseThrow().hash();
      assertThat(rehashed).contains("m=2048,t=2,p=1");
      assertThat(upgraded.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(upgraded.events(ResetEventType.PASSWORD_REHASHED)).hasSize(1);
    }
  }

  @Test
  void rehashKeepsTheTemporaryWindow() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    Instant until = fx.clock.instant().plus(Duration.ofMinutes(30));
    fx.customers.updatePassword(
        ann.id(),
        new StoredPassword(Fixture.FAST_HASHER.hash("Temp-Passw0rd!".toCharArray()), until));
    Argon2PasswordHasher stronger =
        Argon2PasswordHasher.builder().memoryKiB(2048).iterations(2).parallelism(1).build();

    try (Fixture upgraded = new Fixture(b -> b.customerStore(fx.customers).hasher(stronger))) {
      upgraded.clock.set(fx.clock.instant());
      assertThat(upgraded.engine.checkLogin("ann@example.com", pw("Temp-Passw0rd!"), CLIENT))
          .isInstanceOfSatisfying(
              LoginCheck.MustChange.class,
              m -> {
                assertThat(m.customerId()).isEqualTo(ann.id());
                assertThat(m.expiresAt()).isEqualTo(until);
              });
    }
    assertThat(fx.customers.findPassword(ann.id()).orElseThrow().temporaryUntil()).isEqualTo(until);
  }

  @Test
  void aLegacyHashMatchesThePasswordAsTypedOrNormalizedAndNothingElse() {
    try (Fixture legacy = new Fixture(b -> b.legacyVerifier(LegacyHashes.SHA256))) {
      CustomerAccount ann = legacy.customer("c1", "ann@example.com", "Unused-Pw-1!");
      CustomerAccount bob = legacy.customer("c2", "bob@example.com", "Unused-Pw-1!");
      // The old platform kept Ann's password as she typed it (decomposed accents), and Bob's
      // already in compatibility form; Bob now types it with full-width letters.
      String decomposed = Normalizer.normalize("Crème-Brûlée-9", Normalizer.Form.NFD);
      legacy.customers.updatePassword(ann.id(), StoredPassword.of(LegacyHashes.sha256(decomposed)));
      legacy.customers.updatePassword(
          bob.id(), StoredPassword.of(LegacyHashes.sha256("Secret-Pass-12!")));

      assertThat(legacy.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(legacy.customers.findPassword(ann.id()).orElseThrow().hash())
          .startsWith("{sha256}");
      assertThat(legacy.engine.checkLogin("ann@example.com", pw(decomposed), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(legacy.engine.checkLogin("bob@example.com", pw("Ｓｅｃｒｅｔ-Ｐａｓｓ-１２!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(bob.id()));
      assertThat(legacy.customers.findPassword(bob.id()).orElseThrow().hash())
          .startsWith("$argon2id$");
    }
  }

  @Test
  void aLoginLetsTheNextLoginOfTheSameAccountInFromAnotherThread() throws Exception {
    fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT);
    fx.engine.checkLogin("ann@example.com", pw("Wrong-Passw0rd!"), CLIENT);

    assertThat(
            onAnotherThread(
                () -> fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT)))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void aPasswordChangeLetsTheNextLoginOfTheAccountInFromAnotherThread() throws Exception {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    fx.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("N3w-Secret!x"), CLIENT);

    assertThat(
            onAnotherThread(
                () -> fx.engine.checkLogin("ann@example.com", pw("N3w-Secret!x"), CLIENT)))
        .isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void nullArgumentsOfTheLoginCallsFailWithTheArgumentsName() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    assertThatThrownBy(() -> fx.engine.checkLogin(null, pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("email must not be null");
    assertThatThrownBy(() -> fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("context must not be null");
    assertThatThrownBy(() -> fx.engine.changePassword(null, pw("a"), pw("b"), CLIENT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("customerId must not be null");
    assertThatThrownBy(() -> fx.engine.changePassword(ann.id(), pw("a"), null, CLIENT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("newPassword must not be null");
  }

  private static <T> T onAnotherThread(Callable<T> call) throws Exception {
    FutureTask<T> task = new FutureTask<>(call);
    Thread t = new Thread(task, "second-login");
    t.setDaemon(true);
    t.start();
    return task.get(10, TimeUnit.SECONDS);
  }

  @Test
  void failedLoginsAndWrongCurrentPasswordsShareTheAccountsLimit() {
    CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
    CustomerAccount bob = fx.customer("c2", "bob@example.com", "Old-Passw0rd!");
    for (int i = 0; i < 9; i++) {
      fx.engine.checkLogin("Ann@Example.com", pw("Wrong-" + i), RequestContext.of("10.0.0." + i));
    }
    fx.engine.changePassword(ann.id(), pw("Wrong-9"), pw("N3w-Secret!x"), CLIENT);

    // Ann's limit is used up, the right current password included; Bob's is untouched.
    assertThat(fx.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ChangeOutcome.WrongCurrentPassword());
    assertThat(fx.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
        .isInstanceOf(LoginCheck.Throttled.class);
    assertThat(fx.engine.changePassword(bob.id(), pw("Old-Passw0rd!"), pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ChangeOutcome.Changed());

    fx.clock.advance(Duration.ofMinutes(15));
    assertThat(fx.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("N3w-Secret!x"), CLIENT))
        .isEqualTo(new ChangeOutcome.Changed());
  }

  @Test
  void manualEntryForAnUnknownCustomerChangesNothing() {
    allowManualEntry();

    assertThat(fx.engine.setPassword(CustomerId.of("ghost"), pw("Agent-Typed-1!"), false, AGENT))
        .isEqualTo(new ManualEntryOutcome.CustomerNotFound());
    assertThat(fx.events(ResetEventType.MANUAL_PASSWORD_SET)).isEmpty();
  }

  @Test
  void anAccountDeletedWhileItsPasswordIsWrittenIsReportedAndNothingIsAnnounced() {
    InMemoryCustomerStore store = new InMemoryCustomerStore();
    CustomerAccount ann =
        new CustomerAccount(CustomerId.of("c1"), "ann@example.com", null, Locale.ENGLISH, true);
    store.add(ann, StoredPassword.of(Fixture.FAST_HASHER.hash(pw("Old-Passw0rd!"))));
    CustomerStore deletedMeanwhile = new DeletedAtUpdate(store);
    try (Fixture f =
        new Fixture(
            b ->
                b.customerStore(deletedMeanwhile)
                    .settings(ResetSettings.defaults().withAllowManualEntry(true)))) {
      assertThat(f.engine.setPassword(ann.id(), pw("Agent-Typed-1!"), false, AGENT))
          .isEqualTo(new ManualEntryOutcome.CustomerNotFound());
      assertThat(f.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new ChangeOutcome.WrongCurrentPassword());

      f.engine.requestReset("ann@example.com", CLIENT);
      String token = Mailbox.token(f.mail.await("ann@example.com", NotificationType.RESET_LINK));
      assertThat(f.engine.completeReset(token, pw("N3w-Secret!x"), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidToken(InvalidReason.UNKNOWN));
      f.rawEngine.close(); // drains the mail queue: an email absent now was never sent

      assertThat(f.events)
          .extracting(ResetEvent::type)
          .doesNotContain(
              ResetEventType.MANUAL_PASSWORD_SET,
              ResetEventType.PASSWORD_CHANGED,
              ResetEventType.RESET_COMPLETED);
      assertThat(f.mail.all())
          .extracting(Notification::type)
          .doesNotContain(NotificationType.PASSWORD_CHANGED);
    }
  }

  /** A customer store whose account disappears between reading it and writing its password. */
  private record DeletedAtUpdate(InMemoryCustomerStore store) implements CustomerStore {
    @Override
    public Optional<CustomerAccount> findByEmail(String normalizedEmail) {
      return store.findByEmail(normalizedEmail);
    }

    @Override
    public Optional<CustomerAccount> findById(CustomerId id) {
      return store.findById(id);
    }

    @Override
    public Optional<StoredPassword> findPassword(CustomerId id) {
      return store.findPassword(id);
    }

    @Override
    public boolean updatePassword(CustomerId id, StoredPassword password) {
      return false;
    }
  }

  @Test
  void anAccountWithAnEmailOfTheLongestAllowedLengthLogsIn() {
    String email = "a".repeat(320 - "@example.com".length()) + "@example.com";
    CustomerAccount longest = fx.customer("c1", email, "Old-Passw0rd!");

    assertThat(fx.engine.checkLogin(email, pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Valid(longest.id()));
    assertThat(fx.engine.checkLogin("a" + email, pw("Old-Passw0rd!"), CLIENT))
        .isEqualTo(new LoginCheck.Invalid());
  }

  // Issue 14, item 14.
  @Test
  void aDisabledAccountCannotChangeItsPasswordAndIsAnsweredLikeAWrongCurrentPassword() {
    RecordingHasher hasher = new RecordingHasher();
    try (Fixture f = new Fixture(b -> b.hasher(hasher))) {
      var ann = f.customer("c1", "ann@example.com", "Old-Passw0rd!");
      var bob = f.customer("c2", "bob@example.com", "Bobs-Passw0rd!");
      f.customers.update(ann.withEnabled(false));
      hasher.reset();

      ChangeOutcome disabled =
          f.engine.changePassword(ann.id(), pw("Old-Passw0rd!"), pw("Next-Passw0rd!"), CLIENT);
      int disabledWork = hasher.verifications();
      hasher.reset();
      ChangeOutcome wrong =
          f.engine.changePassword(bob.id(), pw("Not-Bobs-1!"), pw("Next-Passw0rd!"), CLIENT);

      assertThat(disabled).isEqualTo(new ChangeOutcome.WrongCurrentPassword()).isEqualTo(wrong);
      // The same work as a wrong password: one verification, and nothing hashed or written.
      assertThat(disabledWork).isEqualTo(hasher.verifications()).isEqualTo(1);
      f.customers.update(ann);
      assertThat(f.engine.checkLogin("ann@example.com", pw("Old-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Valid(ann.id()));
      assertThat(f.engine.checkLogin("ann@example.com", pw("Next-Passw0rd!"), CLIENT))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(f.events(ResetEventType.PASSWORD_CHANGED)).isEmpty();
    }
  }
}
