package dev.passwordreset.core.security;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 1: one million U+FDFA (which NFKC expands 18 times, to about 220 MB) is refused on
 * every path that takes a password, with its raw length bounded before anything is copied or
 * normalized: the calling thread allocates little. A completion refused for its length keeps the
 * link only within the client's bad-input limit, so the bomb cannot be repeated without end.
 */
class MemoryBombTest {
  /** Far below the 220 MB an unbounded normalization costs, far above the call's own needs. */
  private static final long LITTLE = 4L << 20;

  private static final String EMAIL = "ann@example.com";
  private static final String OLD = "Old-Passw0rd!";
  private static final String CHOSEN = "N3w-Secret!x";

  private final Fixture fx =
      new Fixture(b -> b.settings(ResetSettings.defaults().withAllowManualEntry(true)));
  private CustomerAccount ann;

  @BeforeEach
  void customer() {
    ann = fx.customer("c1", EMAIL, OLD);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  /** One million U+FDFA, allocated before the measurement. */
  private static char[] bomb() {
    char[] b = new char[1_000_000];
    Arrays.fill(b, '\uFDFA');
    return b;
  }

  /** What the calling thread allocated during the call, the bomb being allocated before. */
  private static <T> long allocatedBy(Function<char[], T> call, List<T> outcomes) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    char[] bomb = bomb();
    long before = threads.getCurrentThreadAllocatedBytes();
    T outcome = call.apply(bomb);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    outcomes.add(outcome);
    return allocated;
  }

  /** Runs the call twice (the first loads classes and message bundles); measures the second. */
  private static <T> T assertAllocatesLittle(Function<char[], T> call) {
    List<T> outcomes = new ArrayList<>();
    allocatedBy(call, outcomes);
    long bytes = allocatedBy(call, outcomes);
    assertThat(bytes).as("bytes allocated by the calling thread").isLessThan(LITTLE);
    assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
    return outcomes.get(1);
  }

  private static boolean tooLong(Object outcome) {
    var violations =
        outcome instanceof ResetOutcome.Rejected r
            ? r.violations()
            : outcome instanceof PendingOutcome.Rejected p
                ? p.violations()
                : outcome instanceof ManualEntryOutcome.Rejected m
                    ? m.violations()
                    : outcome instanceof ChangeOutcome.Rejected c ? c.violations() : null;
    return violations != null
        && violations.stream().map(PolicyViolation::rule).toList().equals(List.of("max-length"));
  }

  @Test
  void setThenConfirmRefusesTheBombAllocatingLittle() {
    PendingOutcome outcome =
        assertAllocatesLittle(b -> fx.rawEngine.requestResetWithPassword(EMAIL, b, CLIENT));

    assertThat(tooLong(outcome)).as("%s", outcome).isTrue();
  }

  @Test
  void completeResetRefusesTheBombAllocatingLittleAndKeepsTheLink() {
    String token = fx.requestToken(EMAIL);

    ResetOutcome outcome = assertAllocatesLittle(b -> fx.rawEngine.completeReset(token, b, CLIENT));

    assertThat(tooLong(outcome)).as("%s", outcome).isTrue();
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void confirmResetRefusesTheBombAllocatingLittleAndActivatesNothing() {
    fx.engine.requestResetWithPassword(EMAIL, pw(CHOSEN), CLIENT);
    String token = Mailbox.token(fx.mail.await(EMAIL, NotificationType.CONFIRM_PASSWORD));

    ResetOutcome outcome = assertAllocatesLittle(b -> fx.rawEngine.confirmReset(token, b, CLIENT));

    assertThat(outcome).isInstanceOf(ResetOutcome.Rejected.class);
    assertThat(((ResetOutcome.Rejected) outcome).violations())
        .extracting(PolicyViolation::rule)
        .containsExactly(ResetOutcome.CONFIRMATION_MISMATCH);
    assertThat(fx.engine.checkLogin(EMAIL, pw(OLD), CLIENT)).isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void manualEntryRefusesTheBombAllocatingLittle() {
    ManualEntryOutcome outcome =
        assertAllocatesLittle(
            b -> fx.rawEngine.setPassword(ann.id(), b, false, AgentContext.of("agent-1")));

    assertThat(tooLong(outcome)).as("%s", outcome).isTrue();
  }

  @Test
  void changePasswordRefusesTheBombAsEitherPasswordAllocatingLittle() {
    ChangeOutcome asCurrent =
        assertAllocatesLittle(
            b -> fx.rawEngine.changePassword(ann.id(), b, pw("Next-Passw0rd!"), CLIENT));
    ChangeOutcome asNew =
        assertAllocatesLittle(b -> fx.rawEngine.changePassword(ann.id(), pw(OLD), b, CLIENT));

    assertThat(asCurrent).isEqualTo(new ChangeOutcome.WrongCurrentPassword());
    assertThat(tooLong(asNew)).as("%s", asNew).isTrue();
    assertThat(fx.engine.checkLogin(EMAIL, pw(OLD), CLIENT)).isInstanceOf(LoginCheck.Valid.class);
  }

  @Test
  void checkLoginRefusesTheBombAllocatingLittle() {
    LoginCheck outcome = assertAllocatesLittle(b -> fx.rawEngine.checkLogin(EMAIL, b, CLIENT));

    assertThat(outcome).isEqualTo(new LoginCheck.Invalid());
  }

  @Test
  void repeatedBombsAtALinkAreThrottledForThatClientWhileTheLinkKeepsWorking() {
    String token = fx.requestToken(EMAIL);

    // The default bad-input limit is 10 per 15 minutes.
    for (int i = 0; i < 10; i++) {
      assertThat(tooLong(fx.rawEngine.completeReset(token, bomb(), CLIENT))).isTrue();
    }

    assertThat(fx.rawEngine.completeReset(token, bomb(), CLIENT))
        .isInstanceOf(ResetOutcome.Throttled.class);
    assertThat(fx.engine.checkToken(token, CLIENT)).isInstanceOf(TokenCheck.Throttled.class);
    RequestContext owner = RequestContext.of("192.0.2.44");
    assertThat(fx.engine.completeReset(token, pw(CHOSEN), owner))
        .isInstanceOf(ResetOutcome.Completed.class);
  }
}
