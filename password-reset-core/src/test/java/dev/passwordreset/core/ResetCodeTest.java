package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.store.InMemorySettingsStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 19, item 2: reset by a one-time code. Everything the link flow promises holds for codes
 * (one answer for every email, throttles, one use, revocation both ways, "password changed" email,
 * events, sign-in), and what is new: codes are kept only under a keyed hash, die after their wrong
 * tries, and a wrong try costs the same whether the email has a code or not.
 */
@ExtendWith(SecretWatchExtension.class)
class ResetCodeTest {
  private static final String EMAIL = "ann@example.com";
  private static final String NEW_PASSWORD = "Chosen-Passw0rd!";
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII);

  /** Asks for a code and returns it, once the mail arrived. */
  private static String requestCode(Fixture fx, String email) {
    return requestCode(fx, email, CLIENT);
  }

  private static String requestCode(Fixture fx, String email, RequestContext client) {
    int before = codeMails(fx, email);
    assertThat(fx.engine.requestResetCode(email, client))
        .isInstanceOf(RequestOutcome.Accepted.class);
    Notification mail =
        fx.mail.await(
            n -> n.email().equals(email) && n.type() == NotificationType.RESET_CODE, before + 1);
    String code = mail.code();
    assertThat(code).isNotNull();
    SecretWatchExtension.secret(code);
    return code;
  }

  private static int codeMails(Fixture fx, String email) {
    return (int)
        fx.mail.to(email).stream().filter(n -> n.type() == NotificationType.RESET_CODE).count();
  }

  /** A code of the configured length that is not {@code code}. */
  private static String wrong(String code, int n) {
    String candidate = String.format("%08d", (Long.parseLong(code) + 1 + n) % 100_000_000L);
    return candidate.equals(code) ? wrong(code, n + 1) : candidate;
  }

  @Test
  void theRightCodeSetsThePasswordOnceSendsTheChangedEmailAndSaysToSignIn() {
    try (Fixture fx = new Fixture()) {
      CustomerAccount ann = fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);

      assertThat(code).hasSize(8).containsOnlyDigits();
      Notification mail = fx.mail.last(EMAIL).orElseThrow();
      assertThat(mail.link()).isNull();
      assertThat(mail.linkExpiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(15)));
      assertThat(mail.toString()).doesNotContain(code);

      ResetOutcome outcome = fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT);

      assertThat(outcome).isEqualTo(new ResetOutcome.Completed(ann.id(), true, null));
      assertThat(fx.engine.checkLogin(EMAIL, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
      fx.mail.await(EMAIL, NotificationType.PASSWORD_CHANGED);
      ResetEvent done = fx.awaitEvent(ResetEventType.RESET_COMPLETED);
      assertThat(done.details())
          .containsEntry("purpose", "RESET_CODE")
          .containsEntry("via", "code");
      // One use.
      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw("Another-Passw0rd!"), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());
    }
  }

  @Test
  void theStorefrontOfTheRequestComesBackForTheSignIn() {
    try (Fixture fx = new Fixture()) {
      CustomerAccount ann = fx.customer("c1", EMAIL, "Old-Passw0rd!");
      RequestContext b2b = RequestContext.of("203.0.113.7").withStorefront("b2b");
      String code = requestCode(fx, EMAIL, b2b);
      assertThat(fx.mail.last(EMAIL).orElseThrow().storefront()).isEqualTo("b2b");

      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), b2b))
          .isEqualTo(new ResetOutcome.Completed(ann.id(), true, "b2b"));
    }
  }

  @Test
  void spacesAndDashesInTheTypedCodeAreIgnored() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      String typed = " " + code.substring(0, 4) + " - " + code.substring(4) + " ";

      assertThat(fx.engine.completeResetWithCode(EMAIL, typed, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);
    }
  }

  @Test
  void anUnknownOrDisabledEmailIsAcceptedAndGetsNoMail() {
    try (Fixture fx = new Fixture()) {
      assertThat(fx.engine.requestResetCode("nobody@example.com", CLIENT))
          .isEqualTo(new RequestOutcome.Accepted());
      ResetEvent ignored = fx.awaitEvent(ResetEventType.REQUEST_IGNORED);
      assertThat(ignored.details()).containsEntry("reason", "unknown-email");
      assertThat(fx.mail.all()).isEmpty();
    }
  }

  @Test
  void aCodeDiesAtItsFifthWrongTryAndTheFourthStillLeavesItWorking() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      for (int i = 0; i < 4; i++) {
        assertThat(fx.engine.completeResetWithCode(EMAIL, wrong(code, i), pw(NEW_PASSWORD), CLIENT))
            .isEqualTo(new ResetOutcome.InvalidCode());
      }
      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);
    }
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      for (int i = 0; i < 5; i++) {
        assertThat(fx.engine.completeResetWithCode(EMAIL, wrong(code, i), pw(NEW_PASSWORD), CLIENT))
            .isEqualTo(new ResetOutcome.InvalidCode());
      }
      List<String> whys =
          fx.events(ResetEventType.BAD_CODE).stream().map(e -> e.details().get("why")).toList();
      assertThat(whys).containsExactly("wrong", "wrong", "wrong", "wrong", "exhausted");

      // Dead: the right code no longer works, and the answer is the same.
      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());
      assertThat(fx.engine.checkLogin(EMAIL, pw("Old-Passw0rd!"), CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
    }
  }

  @Test
  void theNumberOfTriesAndTheLengthAreConfigurable() {
    try (Fixture fx = new Fixture(b -> b.resetCodes(new ResetCodes(6, Duration.ofMinutes(5), 2)))) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      assertThat(code).hasSize(6);
      assertThat(fx.mail.last(EMAIL).orElseThrow().linkExpiresAt())
          .isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(5)));
      String other = code.equals("000000") ? "000001" : "000000";
      fx.engine.completeResetWithCode(EMAIL, other, pw(NEW_PASSWORD), CLIENT);
      fx.engine.completeResetWithCode(EMAIL, other, pw(NEW_PASSWORD), CLIENT);
      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());
    }
  }

  @Test
  void rangesAreCheckedNamingThePart() {
    assertThatThrownBy(() -> new ResetCodes(5, Duration.ofMinutes(15), 5))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("length");
    assertThatThrownBy(() -> new ResetCodes(8, Duration.ofHours(2), 5))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("lifetime");
    assertThatThrownBy(() -> new ResetCodes(8, Duration.ofMinutes(15), 0))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> PasswordResetEngine.builder().resetCodeSecret(new byte[31]))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("resetCodeSecret")
        .hasMessageContaining("31 bytes");
    assertThat(ResetCodes.defaults())
        .isEqualTo(new ResetCodes(8, Duration.ofMinutes(15), 5))
        .isSameAs(EngineDefaults.RESET_CODES);
  }

  @Test
  void anExpiredCodeIsAnsweredLikeAWrongOne() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      fx.clock.advance(Duration.ofMinutes(15));

      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());
    }
  }

  @Test
  void aPolicyViolationWithTheRightCodeKeepsTheCodeAndCountsNoTry() {
    try (Fixture fx =
        new Fixture(b -> b.resetCodes(new ResetCodes(8, Duration.ofMinutes(15), 1)))) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);

      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw("weak"), CLIENT))
          .isInstanceOf(ResetOutcome.Rejected.class);
      // With one try allowed, a counted try would have killed it.
      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);
    }
  }

  @Test
  void aNewCodeRevokesTheOlderCodeAndTheOlderLink() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String link = fx.requestToken(EMAIL);
      String first = requestCode(fx, EMAIL);
      assertThat(fx.engine.checkToken(link, CLIENT))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
      String second = requestCode(fx, EMAIL);
      if (!first.equals(second)) {
        assertThat(fx.engine.completeResetWithCode(EMAIL, first, pw(NEW_PASSWORD), CLIENT))
            .isEqualTo(new ResetOutcome.InvalidCode());
      }
      assertThat(fx.engine.completeResetWithCode(EMAIL, second, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);
    }
  }

  @Test
  void aNewLinkRevokesTheCodeAndAPasswordChangeRevokesEveryCode() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      String link = fx.requestToken(EMAIL);
      assertThat(fx.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());

      String again = requestCode(fx, EMAIL);
      assertThat(fx.engine.checkToken(link, CLIENT))
          .isEqualTo(new TokenCheck.Invalid(InvalidReason.REPLACED));
      assertThat(
              fx.engine.changePassword(
                  CustomerId.of("c1"), pw("Old-Passw0rd!"), pw("Changed-Passw0rd!"), CLIENT))
          .isInstanceOf(ChangeOutcome.Changed.class);
      assertThat(fx.engine.completeResetWithCode(EMAIL, again, pw(NEW_PASSWORD), CLIENT))
          .isEqualTo(new ResetOutcome.InvalidCode());
    }
  }

  @Test
  void theCodeIsKeptOnlyUnderAnHmacWithTheConfiguredKey() throws Exception {
    RecordingTickets recording = new RecordingTickets(new InMemoryTicketStore());
    try (Fixture fx = new Fixture(b -> b.resetCodeSecret(KEY).ticketStore(recording))) {
      CustomerAccount ann = fx.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      Ticket ticket = lastSaved(recording, TicketPurpose.RESET_CODE);
      assertThat(ticket.purpose()).isEqualTo(TicketPurpose.RESET_CODE);

      assertThat(ticket.tokenHash()).isEqualTo(expectedHash(KEY, ann.id(), code));
      // Not the unkeyed hash a copy of the table could be searched with (10^8 tries).
      TokenHash unkeyed =
          TokenHash.of(
              MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
      assertThat(ticket.tokenHash()).isNotEqualTo(unkeyed);
      assertThat(ticket.toString()).doesNotContain(code);
    }
  }

  @Test
  void withoutAConfiguredKeyTheEngineKeepsARandomOneInTheSettingsStoreForEveryNode()
      throws Exception {
    InMemorySettingsStore settings = new InMemorySettingsStore();
    RecordingTickets shared = new RecordingTickets(new InMemoryTicketStore());
    try (Fixture a = new Fixture(b -> b.settingsStore(settings).ticketStore(shared));
        Fixture b = new Fixture(x -> x.settingsStore(settings).ticketStore(shared))) {
      a.customer("c1", EMAIL, "Old-Passw0rd!");
      b.customer("c1", EMAIL, "Old-Passw0rd!");
      String code = requestCode(a, EMAIL);

      byte[] key = settings.secret(EngineDefaults.RESET_CODE_SECRET_NAME, () -> new byte[16]);
      assertThat(key).hasSize(EngineDefaults.RESET_CODE_SECRET_MIN_BYTES);
      assertThat(lastSaved(shared, TicketPurpose.RESET_CODE).tokenHash())
          .isEqualTo(expectedHash(key, CustomerId.of("c1"), code));
      // Engine b (another node) reads the same key: the code works there.
      assertThat(b.engine.completeResetWithCode(EMAIL, code, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(ResetOutcome.Completed.class);
    }
  }

  @Test
  void aSettingsStoreThatKeepsNoSecretsWithoutAConfiguredKeyIsAClearError() {
    SettingsStore plain =
        new SettingsStore() {
          @Override
          public Optional<ResetSettings> load() {
            return Optional.empty();
          }

          @Override
          public void save(ResetSettings settings) {}
        };
    try (Fixture fx = new Fixture(b -> b.settingsStore(plain))) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      assertThatThrownBy(
              () -> fx.rawEngine.completeResetWithCode(EMAIL, "12345678", pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(PasswordResetException.class)
          .hasMessageContaining("resetCodeSecret")
          .hasMessageContaining("does not");
    }
  }

  @Test
  void aTicketStoreThatCannotCountTriesFailsTheFirstRequestOnTheCallersThread() {
    InMemoryTicketStore real = new InMemoryTicketStore();
    TicketStore old =
        new TicketStore() {
          @Override
          public void save(Ticket ticket) {
            real.save(ticket);
          }

          @Override
          public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
            return real.findByTokenHash(tokenHash);
          }

          @Override
          public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
            return real.consume(tokenHash, consumedAt);
          }

          @Override
          public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant at) {
            return real.revoke(customerId, purposes, at);
          }

          @Override
          public int purgeExpired(Instant now) {
            return real.purgeExpired(now);
          }
        };
    try (Fixture fx = new Fixture(b -> b.ticketStore(old))) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      assertThatThrownBy(() -> fx.rawEngine.requestResetCode(EMAIL, CLIENT))
          .isInstanceOf(PasswordResetException.class)
          .hasMessageContaining("recordFailedAttempt");
      // Links still work with such a store.
      assertThat(fx.requestToken(EMAIL)).isNotBlank();
      assertThat(fx.mail.all()).noneMatch(n -> n.type() == NotificationType.RESET_CODE);
    }
  }

  @Test
  void aWrongTryCostsTheSameStoreCallsWithOrWithoutACodeAndAnswersTheSame() {
    RecordingTickets recording = new RecordingTickets(new InMemoryTicketStore());
    try (Fixture fx = new Fixture(x -> x.ticketStore(recording))) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      fx.customer("c2", "bob@example.com", "Old-Passw0rd!");
      String code = requestCode(fx, EMAIL);
      String wrong = wrong(code, 0);

      List<String> withCode = recording.record();
      ResetOutcome a = fx.engine.completeResetWithCode(EMAIL, wrong, pw(NEW_PASSWORD), CLIENT);
      List<String> withoutAccount = recording.record();
      ResetOutcome b =
          fx.engine.completeResetWithCode("nobody@example.com", wrong, pw(NEW_PASSWORD), CLIENT);
      List<String> withAccountNoCode = recording.record();
      ResetOutcome c =
          fx.engine.completeResetWithCode("bob@example.com", wrong, pw(NEW_PASSWORD), CLIENT);
      recording.record();

      assertThat(List.of(a, b, c)).containsOnly(new ResetOutcome.InvalidCode());
      assertThat(withCode).containsExactly("findByTokenHash", "recordFailedAttempt");
      assertThat(withoutAccount).isEqualTo(withCode);
      assertThat(withAccountNoCode).isEqualTo(withCode);
    }
  }

  @Test
  void aMalformedCodeLooksNothingUpAndCountsTowardsTheClientThrottle() {
    try (Fixture fx = new Fixture()) {
      fx.customer("c1", EMAIL, "Old-Passw0rd!");
      for (String bad : List.of("", "1234567", "123456789", "12345678a", "x".repeat(1000))) {
        assertThat(fx.engine.completeResetWithCode(EMAIL, bad, pw(NEW_PASSWORD), CLIENT))
            .as(bad.length() > 20 ? "a long text" : bad)
            .isEqualTo(new ResetOutcome.InvalidCode());
      }
      assertThat(fx.events(ResetEventType.BAD_CODE))
          .extracting(e -> e.details().get("why"))
          .containsOnly("malformed");
    }
  }

  @Test
  void aClientWithTooManyWrongCodesIsThrottledWhateverTheEmail() {
    try (Fixture fx = new Fixture()) {
      int limit = EngineDefaults.CLIENT_BAD_TOKEN_LIMIT.count();
      for (int i = 0; i < limit; i++) {
        assertThat(
                fx.engine.completeResetWithCode(
                    "user" + i + "@example.com", "12345678", pw(NEW_PASSWORD), CLIENT))
            .isEqualTo(new ResetOutcome.InvalidCode());
      }
      assertThat(fx.engine.completeResetWithCode(EMAIL, "12345678", pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(ResetOutcome.Throttled.class);
    }
  }

  @Test
  void nullArgumentsAreNamed() {
    try (Fixture fx = new Fixture()) {
      assertThatThrownBy(() -> fx.rawEngine.requestResetCode(null, CLIENT))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("email");
      assertThatThrownBy(
              () -> fx.rawEngine.completeResetWithCode(EMAIL, null, pw(NEW_PASSWORD), CLIENT))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("code");
      assertThatThrownBy(
              () ->
                  fx.rawEngine.requestResetCode(
                      EMAIL, RequestContext.of("203.0.113.7").withStorefront("nowhere")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nowhere");
    }
  }

  /**
   * The figure the README states: with the default limits, an attacker who has as many codes issued
   * for one account as the throttles let through in 24 hours, and spends every wrong try of every
   * code, guesses one with a probability below 1 in 10,000. The bound is computed from the
   * configured limits (a per-account limit of {@code n} per window lets at most {@code n} through
   * in each window, so at most {@code n * (windows in a day + 1)} in any 24 hours), and checked
   * against the engine's own per-account throttle (the one every self-service request passes),
   * driven through a day at several request paces. Client throttles are left out: an attacker has
   * many addresses.
   */
  @Test
  void theChanceOfGuessingACodeInADayWithTheDefaultLimitsIsBelowOneInTenThousand() {
    var limit = EngineDefaults.ACCOUNT_REQUEST_LIMIT;
    Duration day = Duration.ofHours(24);
    long windows = (day.toMillis() + limit.window().toMillis() - 1) / limit.window().toMillis();
    long codesBound = limit.count() * (windows + 1);
    ResetCodes config = EngineDefaults.RESET_CODES;
    double probabilityBound = codesBound * config.guessProbabilityPerCode();

    int most = 0;
    for (Duration pace :
        List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            limit.window().dividedBy(limit.count()),
            limit.window().dividedBy(4).plusSeconds(1))) {
      var throttle =
          new dev.passwordreset.core.internal.Throttle(
              "account-requests",
              limit,
              new dev.passwordreset.core.throttle.InMemoryThrottleStore());
      Instant start = Instant.parse("2026-03-01T00:00:00Z");
      int codes = 0;
      for (Instant t = start; t.isBefore(start.plus(day)); t = t.plus(pace)) {
        if (throttle.hit("c1", t).isEmpty()) {
          codes++;
        }
      }
      most = Math.max(most, codes);
    }

    assertThat(most).isPositive().isLessThanOrEqualTo((int) codesBound);
    assertThat(probabilityBound).isLessThan(1e-4);
    System.out.printf(
        "Reset codes: at most %d codes a day for one account (measured up to %d), %d tries each,"
            + " %d digits: p <= %.3g (1 in %,.0f)%n",
        codesBound,
        most,
        config.maxAttempts(),
        config.length(),
        probabilityBound,
        1 / probabilityBound);
  }

  /** The ticket of the purpose the engine saved last through the recording store. */
  private static Ticket lastSaved(RecordingTickets store, TicketPurpose purpose) {
    List<Ticket> found = store.saved.stream().filter(t -> t.purpose() == purpose).toList();
    assertThat(found).as("saved %s tickets", purpose).isNotEmpty();
    return store.findByTokenHash(found.get(found.size() - 1).tokenHash()).orElseThrow();
  }

  private static TokenHash expectedHash(byte[] key, CustomerId id, String code) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update("password-reset/reset-code/v1\0".getBytes(StandardCharsets.UTF_8));
    byte[] idBytes = id.value().getBytes(StandardCharsets.UTF_8);
    mac.update(
        new byte[] {
          (byte) (idBytes.length >>> 24),
          (byte) (idBytes.length >>> 16),
          (byte) (idBytes.length >>> 8),
          (byte) idBytes.length
        });
    mac.update(idBytes);
    mac.update(code.getBytes(StandardCharsets.US_ASCII));
    return TokenHash.of(mac.doFinal());
  }

  /** A ticket store that records which calls the engine makes. */
  static final class RecordingTickets implements TicketStore {
    final List<Ticket> saved = Collections.synchronizedList(new ArrayList<>());
    private final TicketStore delegate;
    private volatile List<String> calls = Collections.synchronizedList(new ArrayList<>());

    RecordingTickets(TicketStore delegate) {
      this.delegate = delegate;
    }

    /** Starts a new list of calls and returns it. */
    List<String> record() {
      List<String> fresh = Collections.synchronizedList(new ArrayList<>());
      calls = fresh;
      return fresh;
    }

    @Override
    public void save(Ticket ticket) {
      calls.add("save");
      saved.add(ticket);
      delegate.save(ticket);
    }

    @Override
    public int saveRevoking(Ticket ticket, Set<TicketPurpose> revoke, Instant now) {
      calls.add("saveRevoking");
      saved.add(ticket);
      return delegate.saveRevoking(ticket, revoke, now);
    }

    @Override
    public Optional<Ticket> findByTokenHash(TokenHash tokenHash) {
      calls.add("findByTokenHash");
      return delegate.findByTokenHash(tokenHash);
    }

    @Override
    public Optional<Ticket> findByTokenHash(TokenHash tokenHash, Instant now) {
      calls.add("findByTokenHash");
      return delegate.findByTokenHash(tokenHash, now);
    }

    @Override
    public Optional<Ticket> consume(TokenHash tokenHash, Instant consumedAt) {
      calls.add("consume");
      return delegate.consume(tokenHash, consumedAt);
    }

    @Override
    public int revoke(CustomerId customerId, Set<TicketPurpose> purposes, Instant revokedAt) {
      calls.add("revoke");
      return delegate.revoke(customerId, purposes, revokedAt);
    }

    @Override
    public int recordFailedAttempt(
        CustomerId customerId, TicketPurpose purpose, int limit, Instant now) {
      calls.add("recordFailedAttempt");
      return delegate.recordFailedAttempt(customerId, purpose, limit, now);
    }

    @Override
    public int purgeExpired(Instant now) {
      calls.add("purgeExpired");
      return delegate.purgeExpired(now);
    }
  }
}
