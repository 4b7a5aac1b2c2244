package dev.passwordreset.core.fault;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static dev.passwordreset.core.support.Fixture.pw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.api.Ticket;
import dev.passwordreset.core.internal.Tokens;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every step of every operation that writes, failed in turn: the customer store, the ticket store
 * and the notifier each fail at their 1st, 2nd, ... call of the operation (before doing anything,
 * as their contract allows). After each run, with the faults off:
 *
 * <ul>
 *   <li>the caller got a documented outcome or a {@link PasswordResetException}, nothing else;
 *   <li>a changed password leaves no link of the customer valid;
 *   <li>a reported success stored the new password (no lost update); anything else left the old one
 *       in force;
 *   <li>a link whose email was reported as not sent (agent outcome, or a final delivery failure)
 *       does not work;
 *   <li>the customer can still reset (a way to retry).
 * </ul>
 *
 * Self-service mail runs on the caller's thread with one attempt, so every failure is final and
 * each run is deterministic.
 */
class FaultWalkTest {

  private static final String OLD = "Old-Passw0rd!x";
  private static final String NEW = "New-Passw0rd!y";
  private static final String NEWER = "Newer-Passw0rd!z";
  private static final String EMAIL = "ann@example.com";
  private static final AgentContext AGENT = AgentContext.of("agent-7");

  /** One engine on faulty wrappers around the fixture's in-memory stores and mailbox. */
  static final class World implements AutoCloseable {
    final FaultyCustomerStore customers = new FaultyCustomerStore();
    final FaultyTicketStore tickets = new FaultyTicketStore();
    final FaultyNotifier notifier = new FaultyNotifier();
    final Fixture fx;
    final CustomerAccount ann;
    @Nullable String token;

    World() {
      fx =
          new Fixture(
              b ->
                  b.customerStore(customers)
                      .ticketStore(tickets)
                      .notifier(notifier)
                      .notificationExecutor(Runnable::run)
                      .deliveryAttempts(1)
                      .settings(ResetSettings.defaults().withAllowManualEntry(true)));
      customers.delegate = fx.customers;
      tickets.delegate = fx.tickets;
      notifier.delegate = fx.mail;
      ann = fx.customer("c1", EMAIL, OLD);
    }

    Map<String, Fault> faults() {
      return Map.of(
          "customer store", customers.fault,
          "ticket store", tickets.fault,
          "notifier", notifier.fault);
    }

    /** A link from an agent's "Reset Password", taken from the notifier. */
    String agentLink() {
      assertThat(fx.engine.sendResetEmail(ann.id(), AGENT))
          .isInstanceOf(AgentOutcome.EmailSent.class);
      return Mailbox.token(last(NotificationType.RESET_LINK));
    }

    Notification last(NotificationType type) {
      List<Notification> all = notifier.attempted.stream().filter(n -> n.type() == type).toList();
      assertThat(all).isNotEmpty();
      return all.get(all.size() - 1);
    }

    Optional<StoredPassword> stored() {
      return fx.customers.findPassword(ann.id());
    }

    boolean works(String token) {
      return fx.tickets
          .findByTokenHash(Tokens.hash(token))
          .filter(Ticket::outstanding)
          .filter(t -> fx.clock.instant().isBefore(t.expiresAt()))
          .isPresent();
    }

    LoginCheck login(String password) {
      return fx.engine.checkLogin(EMAIL, pw(password), CLIENT);
    }

    @Override
    public void close() {
      fx.close();
    }
  }

  /**
   * An operation to walk.
   *
   * @param name what it is
   * @param setup runs with no fault (e.g. issues the link the operation uses)
   * @param call the operation, run under a fault; returns its outcome
   * @param success whether an outcome reports success
   * @param changesPassword whether success changes the password
   */
  record Operation(
      String name,
      Consumer<World> setup,
      Function<World, Object> call,
      Class<?> success,
      boolean changesPassword) {}

  private static List<Operation> operations() {
    Consumer<World> otherLink = w -> w.agentLink();
    return List.of(
        new Operation(
            "completeReset",
            w -> {
              w.agentLink();
              w.token = w.agentLink();
            },
            w -> w.fx.engine.completeReset(w.token, pw(NEW), CLIENT),
            ResetOutcome.Completed.class,
            true),
        new Operation(
            "confirmReset",
            w -> {
              w.agentLink();
              assertThat(w.fx.engine.requestResetWithPassword(EMAIL, pw(NEW), CLIENT))
                  .isInstanceOf(PendingOutcome.Accepted.class);
              w.token = Mailbox.token(w.last(NotificationType.CONFIRM_PASSWORD));
            },
            w -> w.fx.engine.confirmReset(w.token, CLIENT),
            ResetOutcome.Completed.class,
            true),
        new Operation(
            "setPassword",
            otherLink,
            w -> w.fx.engine.setPassword(w.ann.id(), pw(NEW), false, AGENT),
            ManualEntryOutcome.PasswordSet.class,
            true),
        new Operation(
            "setPassword temporary",
            otherLink,
            w -> w.fx.engine.setPassword(w.ann.id(), pw(NEW), true, AGENT),
            ManualEntryOutcome.PasswordSet.class,
            true),
        new Operation(
            "changePassword",
            otherLink,
            w -> w.fx.engine.changePassword(w.ann.id(), pw(OLD), pw(NEW), CLIENT),
            ChangeOutcome.Changed.class,
            true),
        new Operation(
            "sendResetEmail",
            otherLink,
            w -> w.fx.engine.sendResetEmail(w.ann.id(), AGENT),
            AgentOutcome.EmailSent.class,
            false),
        new Operation(
            "sendAccountSetupEmail",
            otherLink,
            w -> w.fx.engine.sendAccountSetupEmail(w.ann.id(), AGENT),
            AgentOutcome.EmailSent.class,
            false),
        new Operation(
            "sendReminder",
            otherLink,
            w -> w.fx.engine.sendReminder(w.ann.id(), AGENT),
            AgentOutcome.EmailSent.class,
            false),
        new Operation(
            "requestReset",
            otherLink,
            w -> w.fx.engine.requestReset(EMAIL, CLIENT),
            RequestOutcome.Accepted.class,
            false),
        new Operation(
            "requestResetWithPassword",
            otherLink,
            w -> w.fx.engine.requestResetWithPassword(EMAIL, pw(NEW), CLIENT),
            PendingOutcome.Accepted.class,
            false),
        new Operation("checkLogin", otherLink, w -> w.login(OLD), LoginCheck.Valid.class, false));
  }

  /** What one faulty run did. */
  record Run(@Nullable Object outcome, @Nullable RuntimeException thrown) {}

  private static Run run(World w, Operation op) {
    try {
      return new Run(op.call().apply(w), null);
    } catch (RuntimeException e) {
      return new Run(null, e);
    } finally {
      w.faults().values().forEach(Fault::off);
    }
  }

  private static final AtomicInteger EXCEPTIONS = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> everyStepOfEveryOperationFailedInTurnKeepsTheInvariants() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Operation op : operations()) {
      Map<String, Integer> steps = countSteps(op);
      steps.forEach(
          (component, count) -> {
            for (int n = 1; n <= count; n++) {
              int call = n;
              tests.add(
                  DynamicTest.dynamicTest(
                      op.name() + " with the " + component + " failing at call " + call,
                      () -> walk(op, component, call)));
            }
          });
    }
    assertThat(tests).hasSizeGreaterThan(30);
    return tests.stream();
  }

  /** The number of calls each component gets during a clean run of the operation. */
  private static Map<String, Integer> countSteps(Operation op) {
    try (World w = new World()) {
      op.setup().accept(w);
      w.faults().values().forEach(Fault::resetCount);
      Run clean = run(w, op);
      assertThat(clean.thrown()).as(op.name() + " without faults").isNull();
      assertThat(clean.outcome()).as(op.name() + " without faults").isInstanceOf(op.success());
      Map<String, Integer> steps = new java.util.TreeMap<>();
      w.faults().forEach((name, fault) -> steps.put(name, fault.calls()));
      return steps;
    }
  }

  private static void walk(Operation op, String component, int call) {
    try (World w = new World()) {
      op.setup().accept(w);
      Optional<StoredPassword> before = w.stored();
      int attemptedBefore = w.notifier.attempted.size();
      w.faults().get(component).failAt(call);

      Run r = run(w, op);

      String what = op.name() + " with the " + component + " failing at call " + call;
      if (r.thrown() != null) {
        EXCEPTIONS.incrementAndGet();
        assertThat(r.thrown()).as(what).isInstanceOf(PasswordResetException.class);
      }
      boolean changed = !w.stored().equals(before);
      boolean success = op.success().isInstance(r.outcome());
      List<Notification> sentInCall =
          w.notifier.attempted.subList(attemptedBefore, w.notifier.attempted.size());

      if (changed) {
        // Never a changed password beside a still-valid link.
        for (Notification n : w.notifier.attempted) {
          if (n.link() != null) {
            assertThat(w.works(Mailbox.token(n)))
                .as(what + ": the password changed, yet a " + n.type() + " link still works")
                .isFalse();
          }
        }
      }
      if (op.changesPassword()) {
        if (success) {
          assertThat(changed).as(what + ": reported success, password not stored").isTrue();
          assertThat(w.login(NEW))
              .as(what)
              .isInstanceOfAny(LoginCheck.Valid.class, LoginCheck.MustChange.class);
        } else {
          assertThat(changed).as(what + ": reported failure, yet the password changed").isFalse();
          assertThat(w.login(OLD)).as(what).isInstanceOf(LoginCheck.Valid.class);
        }
      } else {
        assertThat(changed).as(what + ": must not change the password").isFalse();
      }
      // Never a link reported as not sent that still works.
      for (Notification n : w.notifier.failed) {
        if (n.link() != null) {
          assertThat(w.works(Mailbox.token(n)))
              .as(what + ": a " + n.type() + " link that could not be sent still works")
              .isFalse();
        }
      }
      if (r.outcome() instanceof AgentOutcome && !success || r.thrown() != null) {
        for (Notification n : sentInCall) {
          if (n.link() != null) {
            assertThat(w.works(Mailbox.token(n)))
                .as(what + ": the agent was told it failed, yet its " + n.type() + " link works")
                .isFalse();
          }
        }
      }
      // A way to retry: with the store back, a new link resets the password.
      String retry = w.agentLink();
      assertThat(w.fx.engine.completeReset(retry, pw(NEWER), CLIENT))
          .as(what + ": retry")
          .isInstanceOf(ResetOutcome.Completed.class);
      assertThat(w.login(NEWER)).as(what + ": retry").isInstanceOf(LoginCheck.Valid.class);
    }
  }

  @Test
  void aNotifierFailingForGoodMakesTheSelfServiceLinkUseless() {
    try (World w = new World()) {
      w.notifier.fault.failFrom(1);

      assertThat(w.fx.engine.requestReset(EMAIL, CLIENT))
          .isInstanceOf(RequestOutcome.Accepted.class);

      Notification unsent = w.last(NotificationType.RESET_LINK);
      assertThat(w.notifier.failed).contains(unsent);
      assertThat(w.works(Mailbox.token(unsent))).isFalse();
      assertThat(w.fx.engine.checkToken(Mailbox.token(unsent), CLIENT))
          .isInstanceOf(dev.passwordreset.api.TokenCheck.Invalid.class);

      w.fx.clock.advance(java.time.Duration.ofMinutes(15));
      w.fx.engine.requestReset(EMAIL, CLIENT.withStorefront("b2b"));
      Notification b2b = w.last(NotificationType.RESET_LINK);
      assertThat(b2b.link()).startsWith("https://pro.shop.example/");
      assertThat(w.notifier.failed).contains(b2b);
      assertThat(w.works(Mailbox.token(b2b))).isFalse();
    }
  }

  @Test
  void anAgentEmailThatCannotBeSentIsReportedAndItsLinkNeverWorks() {
    try (World w = new World()) {
      w.notifier.fault.failAt(1);

      AgentOutcome outcome = w.fx.engine.sendResetEmail(w.ann.id(), AGENT);

      assertThat(outcome).isInstanceOf(AgentOutcome.NotificationFailed.class);
      assertThat(((AgentOutcome.NotificationFailed) outcome).reason())
          .contains("injected fault")
          .doesNotContain(Mailbox.token(w.last(NotificationType.RESET_LINK)));
      assertThat(w.works(Mailbox.token(w.last(NotificationType.RESET_LINK)))).isFalse();
    }
  }
}
