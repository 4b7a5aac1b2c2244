package dev.passwordreset.examples;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays the whole story on in-memory stores: a customer forgets a password, gets a link, fails the
 * policy once, succeeds, and logs in; then an agent sets a temporary password that the customer
 * must change at first login.
 *
 * <p>The "console notifier" prints each email. That is for this demo only: a real notifier must
 * never print or log a link, which is a live credential until used.
 */
public final class PlainJavaWalkthrough {

  private PlainJavaWalkthrough() {}

  /**
   * Runs the walkthrough, printing to standard output.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while waiting for an email
   */
  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /**
   * Runs the walkthrough.
   *
   * @param out where to print
   * @throws InterruptedException if interrupted while waiting for an email
   */
  public static void run(PrintStream out) throws InterruptedException {
    // 1. The host's side: its customer table, link storage and mail.
    Argon2PasswordHasher hasher = new Argon2PasswordHasher(); // Argon2id m=19456 KiB, t=2, p=1
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    CustomerId annId = CustomerId.of("cust-1001");
    customers.add(
        new CustomerAccount(annId, "ann@example.com", "Ann", Locale.ENGLISH, true),
        StoredPassword.of(hasher.hash("Old-Passw0rd!".toCharArray())));
    BlockingQueue<Notification> outbox = new LinkedBlockingQueue<>();

    try (PasswordResetEngine engine =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(new InMemoryTicketStore())
            .notifier(
                n -> {
                  out.printf(
                      "  [email] %s to %s (%s)%s%n",
                      n.type(),
                      n.email(),
                      n.locale(),
                      n.link() == null
                          ? ""
                          : ": " + n.link() + " (expires " + n.linkExpiresAt() + ")");
                  outbox.add(n);
                })
            .hasher(hasher)
            .linkTemplate("https://shop.example/password/reset?token={token}")
            .build()) {
      PasswordResetService service = engine;
      RequestContext browser = RequestContext.of("203.0.113.7");

      out.println("== Self-service reset ==");
      out.println("Policy shown on the form:");
      service.describePolicy(Locale.ENGLISH).requirements().forEach(r -> out.println("  - " + r));

      out.println(
          "Ann clicks \"Forgot your password?\": "
              + service.requestReset("ann@example.com", browser));
      out.println(
          "(an unknown email gets the same answer: "
              + service.requestReset("nobody@example.com", browser)
              + ")");
      Notification mail = next(outbox, NotificationType.RESET_LINK);
      String link = mail.link();
      String token = link.substring(link.indexOf("token=") + 6);

      out.println("Ann opens the link: " + service.checkToken(token, browser));
      ResetOutcome weak = service.completeReset(token, "password".toCharArray(), browser);
      out.println("Ann tries \"password\":");
      print(out, violations(weak));
      ResetOutcome done = service.completeReset(token, "Sunny-Meadow-42!".toCharArray(), browser);
      out.println("Ann tries \"Sunny-Meadow-42!\": " + done);
      next(outbox, NotificationType.PASSWORD_CHANGED);
      out.println(
          "The link again: "
              + service.completeReset(token, "Other-Pass-1!".toCharArray(), browser));
      out.println(
          "Login with the old password: "
              + service.checkLogin("ann@example.com", "Old-Passw0rd!".toCharArray(), browser));
      out.println(
          "Login with the new password: "
              + service.checkLogin("ann@example.com", "Sunny-Meadow-42!".toCharArray(), browser));

      out.println();
      out.println("== Back office: a temporary password typed by an agent ==");
      AgentContext agent = AgentContext.of("agent-7");
      out.println(
          "Manual entry while the setting is off: "
              + service.setPassword(annId, "Temp-Pass-2024!".toCharArray(), true, agent));
      service.updateSettings(
          service.settings().withAllowManualEntry(true), AgentContext.of("admin"));
      ManualEntryOutcome set =
          service.setPassword(annId, "Temp-Pass-2024!".toCharArray(), true, agent);
      out.println("After the administrator turns Allow Manual Entry on: " + set);
      next(outbox, NotificationType.PASSWORD_CHANGED);
      LoginCheck temp =
          service.checkLogin("ann@example.com", "Temp-Pass-2024!".toCharArray(), browser);
      out.println("Ann logs in with it: " + temp);
      ChangeOutcome changed =
          service.changePassword(
              annId, "Temp-Pass-2024!".toCharArray(), "Quiet-River-77#".toCharArray(), browser);
      out.println("Ann is made to change it: " + changed);
      out.println(
          "Login with her own password: "
              + service.checkLogin("ann@example.com", "Quiet-River-77#".toCharArray(), browser));
      out.println(
          "Login with the temporary one: "
              + service.checkLogin("ann@example.com", "Temp-Pass-2024!".toCharArray(), browser));
    }
  }

  private static List<PolicyViolation> violations(ResetOutcome outcome) {
    return outcome instanceof ResetOutcome.Rejected r ? r.violations() : List.of();
  }

  private static void print(PrintStream out, List<PolicyViolation> violations) {
    violations.forEach(v -> out.println("  guidance [" + v.rule() + "]: " + v.message()));
  }

  private static Notification next(BlockingQueue<Notification> outbox, NotificationType type)
      throws InterruptedException {
    // Self-service mail leaves on the engine's own thread: wait for it.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Notification n = outbox.poll(100, TimeUnit.MILLISECONDS);
      if (n != null && n.type() == type) {
        return n;
      }
    }
    throw new IllegalStateException("no " + type + " email within 10 seconds");
  }
}
