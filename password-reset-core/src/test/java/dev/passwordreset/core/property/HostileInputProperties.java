package dev.passwordreset.core.property;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.api.TokenHash;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import dev.passwordreset.core.throttle.LoginProtection;
import dev.passwordreset.core.throttle.ThrottleLimit;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.jspecify.annotations.Nullable;

/**
 * Every public entry point of the engine, fed hostile text (null, empty, 1 MB, unpaired surrogates,
 * control characters, SQL metacharacters, CR/LF header injection, random tokens): it answers with a
 * documented outcome or throws the documented {@link IllegalArgumentException} or {@link
 * NullPointerException}, and whenever it refuses, the stores are exactly as before.
 *
 * <p>jqwik makes a new instance, so a new engine, for every property. Throttles are raised so that
 * the inputs, not the throttles, are what is tested (throttling is tested elsewhere), mail runs on
 * the caller's thread, and hashing is cheap.
 */
class HostileInputProperties {

  private static final String OLD = "Old-Passw0rd!x";
  private static final String EMAIL = "ann@example.com";
  private static final ThrottleLimit HIGH = ThrottleLimit.of(1_000_000, Duration.ofMinutes(1));

  private final Fixture fx =
      new Fixture(
          b ->
              b.notificationExecutor(Runnable::run)
                  .deliveryAttempts(1)
                  .clientRequestLimit(HIGH)
                  .clientBadTokenLimit(HIGH)
                  .accountRequestLimit(HIGH)
                  .loginProtection(LoginProtection.defaults().withFreeFailures(100))
                  .clientLoginLimit(HIGH)
                  .settings(ResetSettings.defaults().withAllowManualEntry(true)));
  private final CustomerAccount ann = fx.customer("c1", EMAIL, OLD);

  /** A link that must survive every refused call (a new one after a completed reset). */
  private String link = issueLink();

  private String issueLink() {
    fx.engine.sendResetEmail(ann.id(), AgentContext.of("agent-1"));
    return Mailbox.token(fx.mail.last(EMAIL).orElseThrow());
  }

  @AfterProperty
  void close() {
    fx.close();
  }

  /** What the stores hold, to compare before and after a refused call. */
  private record Snapshot(
      List<CustomerAccount> customers,
      Optional<StoredPassword> password,
      long tickets,
      Optional<Ticket> link,
      int mails) {}

  private Snapshot snapshot() {
    return new Snapshot(
        fx.customers.all(),
        fx.customers.findPassword(ann.id()),
        fx.tickets.size(),
        fx.tickets.findByTokenHash(Tokens.hash(link)),
        fx.mail.all().size());
  }

  /** The outcome, or the documented exception; any other exception fails the property. */
  private static Object call(Supplier<Object> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException | NullPointerException documented) {
      assertThat(documented.getMessage())
          .as("documented exceptions name the argument")
          .isNotBlank();
      return documented;
    }
  }

  private static @Nullable RequestContext context(@Nullable String address) {
    // A made-up address the events echo by design; it may be shaped like a token.
    SecretWatchExtension.notSecret(address);
    try {
      return address == null ? null : RequestContext.of(address);
    } catch (IllegalArgumentException e) {
      return RequestContext.of("198.51.100.9");
    }
  }

  /** Whether an email as typed reaches the known customer (after the engine's normalization). */
  private static boolean isAnn(@Nullable String email) {
    return email != null
        && email.length() <= 320
        && CustomerStore.normalizeEmail(email).equals(EMAIL);
  }

  private static char[] chars(@Nullable String s) {
    return s == null ? null : s.toCharArray();
  }

  @Provide
  Arbitrary<String> hostile() {
    return Hostile.textOrNull();
  }

  @Provide
  Arbitrary<String> tokens() {
    return Hostile.tokens().injectNull(0.05);
  }

  @Property(tries = 150)
  void requestResetAnswersAcceptedForAnyEmailAndIssuesNothingForStrangers(
      @ForAll("hostile") @Nullable String email, @ForAll("hostile") @Nullable String address) {
    // Full-width "ＡＮＮ＠ＥＸＡＭＰＬＥ．ＣＯＭ" is Ann's email after NFKC: not a stranger.
    Assume.that(!isAnn(email));
    Snapshot before = snapshot();

    Object outcome = call(() -> fx.engine.requestReset(email, context(address)));

    if (email == null || address == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome).isInstanceOf(RequestOutcome.Accepted.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 100)
  void requestResetWithPasswordRejectsOrAcceptsAnyInputAndIssuesNothingForStrangers(
      @ForAll("hostile") @Nullable String email, @ForAll("hostile") @Nullable String password) {
    Assume.that(!isAnn(email));
    Snapshot before = snapshot();

    Object outcome =
        call(() -> fx.engine.requestResetWithPassword(email, chars(password), Fixture.CLIENT));

    if (email == null || password == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome)
          .isInstanceOfAny(PendingOutcome.Accepted.class, PendingOutcome.Rejected.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 150)
  void requestResetCodeAnswersAcceptedForAnyEmailAndIssuesNothingForStrangers(
      @ForAll("hostile") @Nullable String email, @ForAll("hostile") @Nullable String address) {
    Assume.that(!isAnn(email));
    Snapshot before = snapshot();

    Object outcome = call(() -> fx.engine.requestResetCode(email, context(address)));

    if (email == null || address == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome).isInstanceOf(RequestOutcome.Accepted.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 150)
  void completeResetWithAGuessedCodeChangesNothing(
      @ForAll("hostile") @Nullable String email,
      @ForAll("hostile") @Nullable String code,
      @ForAll("hostile") @Nullable String password) {
    Snapshot before = snapshot();

    Object outcome =
        call(() -> fx.engine.completeResetWithCode(email, code, chars(password), Fixture.CLIENT));

    if (email == null || code == null || password == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      // Ann has no code: whatever is typed, for her email or any other, opens nothing.
      assertThat(outcome).isEqualTo(new ResetOutcome.InvalidCode());
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 150)
  void checkTokenNeverValidatesAGuessAndNeverConsumes(@ForAll("tokens") @Nullable String token) {
    Snapshot before = snapshot();

    Object outcome = call(() -> fx.engine.checkToken(token, Fixture.CLIENT));

    if (token == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome).isInstanceOf(TokenCheck.Invalid.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 150)
  void completeAndConfirmWithAGuessedTokenChangeNothing(
      @ForAll("tokens") @Nullable String token, @ForAll("hostile") @Nullable String password) {
    Snapshot before = snapshot();

    Object completed = call(() -> fx.engine.completeReset(token, chars(password), Fixture.CLIENT));
    Object confirmed = call(() -> fx.engine.confirmReset(token, chars(password), Fixture.CLIENT));

    if (token == null || password == null) {
      assertThat(completed).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(completed).isInstanceOf(ResetOutcome.InvalidToken.class);
    }
    assertThat(confirmed)
        .isInstanceOfAny(
            token == null || password == null
                ? NullPointerException.class
                : ResetOutcome.InvalidToken.class);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 150)
  void completeWithTheRealLinkAndAHostilePasswordRejectsAndKeepsTheLinkOrCompletes(
      @ForAll("hostile") @Nullable String password) {
    Snapshot before = snapshot();

    Object outcome = call(() -> fx.engine.completeReset(link, chars(password), Fixture.CLIENT));

    if (password == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
      assertThat(snapshot()).isEqualTo(before);
    } else if (outcome instanceof ResetOutcome.Rejected rejected) {
      assertThat(rejected.violations()).isNotEmpty();
      assertThat(snapshot()).isEqualTo(before);
      assertThat(fx.engine.checkToken(link, Fixture.CLIENT)).isInstanceOf(TokenCheck.Valid.class);
    } else {
      // Only a password that passes the policy completes; then it is the one that logs in.
      assertThat(outcome).isInstanceOf(ResetOutcome.Completed.class);
      assertThat(fx.engine.checkLogin(EMAIL, chars(password), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
      assertThat(fx.engine.checkToken(link, Fixture.CLIENT)).isInstanceOf(TokenCheck.Invalid.class);
      link = issueLink();
    }
  }

  @Property(tries = 150)
  void agentOperationsOnAHostileCustomerIdFindNobodyOrRefuseTheId(
      @ForAll("hostile") @Nullable String id, @ForAll("hostile") @Nullable String agentId) {
    // Made-up ids the events echo by design; they may be shaped like a token.
    SecretWatchExtension.notSecret(id);
    SecretWatchExtension.notSecret(agentId);
    Snapshot before = snapshot();
    List<Object> outcomes = new ArrayList<>();

    outcomes.add(
        call(
            () ->
                fx.engine.sendResetEmail(
                    new CustomerId(id), new AgentContext(agentId, null, null))));
    outcomes.add(
        call(() -> fx.engine.sendAccountSetupEmail(new CustomerId(id), AgentContext.of("a"))));
    outcomes.add(call(() -> fx.engine.sendReminder(new CustomerId(id), AgentContext.of("a"))));
    outcomes.add(
        call(
            () ->
                fx.engine.setPassword(
                    new CustomerId(id), chars(OLD), false, AgentContext.of("a"))));

    for (Object outcome : outcomes) {
      assertThat(outcome)
          .isInstanceOfAny(
              IllegalArgumentException.class,
              NullPointerException.class,
              AgentOutcome.CustomerNotFound.class,
              ManualEntryOutcome.CustomerNotFound.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 150)
  void manualEntryOfAHostilePasswordIsRejectedWithGuidanceOrSet(
      @ForAll("hostile") @Nullable String password) {
    Snapshot before = snapshot();

    Object outcome =
        call(() -> fx.engine.setPassword(ann.id(), chars(password), true, AgentContext.of("a")));

    if (password == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
      assertThat(snapshot()).isEqualTo(before);
    } else if (outcome instanceof ManualEntryOutcome.Rejected rejected) {
      assertThat(rejected.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
      assertThat(snapshot()).isEqualTo(before);
    } else {
      assertThat(outcome).isInstanceOf(ManualEntryOutcome.PasswordSet.class);
      assertThat(fx.engine.checkLogin(EMAIL, chars(password), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.MustChange.class);
    }
  }

  @Property(tries = 150)
  void checkLoginWithHostileInputIsInvalidAndChangesNothing(
      @ForAll("hostile") @Nullable String email, @ForAll("hostile") @Nullable String password) {
    Snapshot before = snapshot();

    Object outcome = call(() -> fx.engine.checkLogin(email, chars(password), Fixture.CLIENT));

    if (email == null || password == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome).isInstanceOf(LoginCheck.Invalid.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 100)
  void changePasswordWithAHostileCurrentPasswordIsRefusedAndChangesNothing(
      @ForAll("hostile") @Nullable String current, @ForAll("hostile") @Nullable String next) {
    Snapshot before = snapshot();

    Object outcome =
        call(() -> fx.engine.changePassword(ann.id(), chars(current), chars(next), Fixture.CLIENT));

    if (current == null || next == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome)
          .isInstanceOfAny(ChangeOutcome.WrongCurrentPassword.class, ChangeOutcome.Rejected.class);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 100)
  void describePolicyAnswersForAnyLanguageTag(@ForAll("hostile") @Nullable String tag) {
    Object outcome =
        call(() -> fx.engine.describePolicy(tag == null ? null : Locale.forLanguageTag(tag)));

    if (tag == null) {
      assertThat(outcome).isInstanceOf(NullPointerException.class);
    } else {
      assertThat(outcome)
          .isInstanceOfSatisfying(
              PolicyDescription.class, d -> assertThat(d.requirements()).isNotEmpty());
    }
  }

  @Property(tries = 100)
  void contextsAndAccountsRefuseHeaderInjectionAndMailCarriesNone(
      @ForAll("hostile") @Nullable String email, @ForAll("hostile") @Nullable String name) {
    Object account =
        call(() -> new CustomerAccount(CustomerId.of("h1"), email, name, Locale.ENGLISH, true));
    boolean injects =
        (email != null && email.chars().anyMatch(Character::isISOControl))
            || (name != null && name.chars().anyMatch(Character::isISOControl));
    if (injects || email == null) {
      assertThat(account)
          .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
      return;
    }
    if (!(account instanceof CustomerAccount valid)) {
      assertThat(account).isInstanceOf(IllegalArgumentException.class); // blank or too long
      return;
    }
    Object added = call(() -> fx.customers.add(valid));
    if (!(added instanceof IllegalArgumentException)) { // an email taken already is refused
      Object sent = call(() -> fx.engine.sendAccountSetupEmail(valid.id(), AgentContext.of("a")));
      assertThat(sent).isInstanceOf(AgentOutcome.EmailSent.class);
      Notification n = fx.mail.last(valid.email()).orElseThrow();
      assertThat(n.email() + n.displayName()).doesNotContain("\r", "\n");
    }
  }

  @Property(tries = 150)
  void inMemoryStoresAnswerEmptyForAnyHostileKeyAndStayUnchanged(
      @ForAll("hostile") @Nullable String key) {
    Snapshot before = snapshot();
    Instant now = fx.clock.instant();

    assertThat(call(() -> fx.customers.findByEmail(key)))
        .isInstanceOfAny(key == null ? NullPointerException.class : Optional.class);
    if (key != null) {
      assertThat(fx.customers.findByEmail(key)).isEmpty();
      // A hostile key is refused at the boundary (TokenHash.ofHex), or is a hash no store holds.
      Object hash = call(() -> TokenHash.ofHex(key));
      assertThat(hash).isInstanceOfAny(IllegalArgumentException.class, TokenHash.class);
      if (hash instanceof TokenHash h) {
        assertThat(fx.tickets.findByTokenHash(h)).isEmpty();
        assertThat(fx.tickets.consume(h, now)).isEmpty();
      }
    } else {
      assertThat(call(() -> fx.tickets.findByTokenHash((TokenHash) null)))
          .isInstanceOf(NullPointerException.class);
      assertThat(call(() -> fx.tickets.consume(null, now)))
          .isInstanceOf(NullPointerException.class);
    }
    Object byId = call(() -> fx.customers.findById(new CustomerId(key)));
    assertThat(byId)
        .isInstanceOfAny(
            IllegalArgumentException.class, NullPointerException.class, Optional.class);
    if (byId instanceof Optional<?> found) {
      assertThat(found).isEmpty();
      CustomerId stranger = new CustomerId(key);
      assertThat(fx.customers.updatePassword(stranger, StoredPassword.of("x"))).isFalse();
      assertThat(fx.tickets.revokeAll(stranger, now)).isZero();
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Property(tries = 30)
  void settingsUpdatesRefuseNullsAndKeepTheSettings(
      @ForAll("hostile") @Nullable String agentId, @ForAll boolean nullSettings) {
    // A made-up agent id the settings event echoes by design; it may be shaped like a token.
    SecretWatchExtension.notSecret(agentId);
    ResetSettings before = fx.engine.settings();

    Object outcome =
        call(
            () -> {
              fx.engine.updateSettings(
                  nullSettings ? null : before, new AgentContext(agentId, null, null));
              return "saved";
            });

    if (nullSettings || !(outcome instanceof String)) {
      assertThat(outcome)
          .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
    }
    assertThat(fx.engine.settings()).isEqualTo(before);
  }
}
