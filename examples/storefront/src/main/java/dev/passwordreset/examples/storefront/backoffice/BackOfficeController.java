package dev.passwordreset.examples.storefront.backoffice;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.AgentOutcome;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.ResetEvent;
import dev.passwordreset.api.ResetEventType;
import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.examples.storefront.DemoCustomers;
import dev.passwordreset.examples.storefront.DemoSettings;
import dev.passwordreset.examples.storefront.Formats;
import dev.passwordreset.examples.storefront.security.AgentDirectory;
import dev.passwordreset.examples.storefront.security.AgentPrincipal;
import dev.passwordreset.examples.storefront.security.LoginErrors;
import dev.passwordreset.examples.storefront.store.Store;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back office: customers (list, search, create), the agent's buttons on a customer (Reset
 * Password, reminder, account-setup email, manual entry when allowed), the settings and the
 * activity feed. Every library call carries the agent's id, so the feed says who did what.
 */
@Controller
@RequestMapping("/backoffice")
public class BackOfficeController {
  /** The languages the library's emails and messages are written in. */
  private static final List<String> LANGUAGES =
      List.of("en", "fr", "de", "es", "it", "nl", "pt", "pl");

  private final PasswordResetService service;
  private final DemoCustomers customers;
  private final DemoSettings demo;
  private final ActivityLog activity;
  private final Formats fmt;

  BackOfficeController(
      PasswordResetService service,
      DemoCustomers customers,
      DemoSettings demo,
      ActivityLog activity,
      Formats fmt) {
    this.service = service;
    this.customers = customers;
    this.demo = demo;
    this.activity = activity;
    this.fmt = fmt;
  }

  @ModelAttribute("agent")
  @Nullable AgentPrincipal agent(@AuthenticationPrincipal @Nullable AgentPrincipal agent) {
    return agent;
  }

  @GetMapping("/login")
  String login(
      @RequestParam(name = "error", required = false) @Nullable String error,
      HttpServletRequest request,
      Model model) {
    if (error != null) {
      model.addAttribute(
          "loginError", LoginErrors.take(request, "Unknown agent or wrong password."));
    }
    model.addAttribute("demoAgents", AgentDirectory.AGENTS);
    return "backoffice/login";
  }

  @GetMapping({"", "/"})
  String start() {
    return "redirect:/backoffice/customers";
  }

  @GetMapping("/customers")
  String list(@RequestParam(name = "q", required = false) @Nullable String q, Model model) {
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("customers", customers.search(q));
    return "backoffice/customers";
  }

  @GetMapping("/customers/new")
  String newCustomer(Model model) {
    model.addAttribute("email", "");
    model.addAttribute("name", "");
    model.addAttribute("locale", "en");
    model.addAttribute("homeStore", "shop");
    return "backoffice/new-customer";
  }

  @PostMapping("/customers/new")
  String create(
      @AuthenticationPrincipal AgentPrincipal agent,
      @RequestParam(name = "email", defaultValue = "") String email,
      @RequestParam(name = "name", defaultValue = "") String name,
      @RequestParam(name = "locale", defaultValue = "en") String locale,
      @RequestParam(name = "homeStore", defaultValue = "shop") String homeStore,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    model.addAttribute("email", email);
    model.addAttribute("name", name);
    model.addAttribute("locale", locale);
    model.addAttribute("homeStore", homeStore);
    String store = Store.of(homeStore).path();
    String language = LANGUAGES.contains(locale) ? locale : "en";
    // Checked before anything is written: a refused form uses up no customer number.
    Optional<String> problem = DemoCustomers.problemWith(email, name);
    if (problem.isPresent()) {
      model.addAttribute("error", problem.get());
      return "backoffice/new-customer";
    }
    Optional<CustomerId> created = customers.create(email, name, language, store);
    if (created.isEmpty()) {
      model.addAttribute("error", "A customer with this email already exists.");
      return "backoffice/new-customer";
    }
    CustomerId id = created.get();
    AgentOutcome outcome = service.sendAccountSetupEmail(id, agentContext(agent, request, store));
    if (outcome instanceof AgentOutcome.EmailSent sent) {
      redirect.addFlashAttribute(
          "notice",
          "Customer created. The account-setup email was sent; its link works until "
              + fmt.when(sent.linkExpiresAt())
              + ".");
    } else {
      redirect.addFlashAttribute(
          "error",
          "Customer created, but the account-setup email could not be sent. Use \u201cSend"
              + " account-setup email\u201d below to try again.");
    }
    return "redirect:/backoffice/customers/" + id.value();
  }

  @GetMapping("/customers/{id}")
  String customer(@PathVariable("id") String id, Model model) {
    model.addAttribute("c", row(id));
    model.addAttribute("manualEntry", service.settings().allowManualEntry());
    model.addAttribute("settings", service.settings());
    return "backoffice/customer";
  }

  @PostMapping("/customers/{id}/reset")
  String reset(
      @PathVariable("id") String id,
      @AuthenticationPrincipal AgentPrincipal agent,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    DemoCustomers.Row c = row(id);
    AgentOutcome outcome =
        service.sendResetEmail(new CustomerId(id), agentContext(agent, request, c.homeStore()));
    return agentDone(id, outcome, "password reset email", redirect);
  }

  @PostMapping("/customers/{id}/reminder")
  String reminder(
      @PathVariable("id") String id,
      @AuthenticationPrincipal AgentPrincipal agent,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    DemoCustomers.Row c = row(id);
    AgentOutcome outcome =
        service.sendReminder(new CustomerId(id), agentContext(agent, request, c.homeStore()));
    return agentDone(id, outcome, "reminder", redirect);
  }

  @PostMapping("/customers/{id}/account-setup")
  String accountSetup(
      @PathVariable("id") String id,
      @AuthenticationPrincipal AgentPrincipal agent,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    DemoCustomers.Row c = row(id);
    AgentOutcome outcome =
        service.sendAccountSetupEmail(
            new CustomerId(id), agentContext(agent, request, c.homeStore()));
    return agentDone(id, outcome, "account-setup email", redirect);
  }

  @PostMapping("/customers/{id}/password")
  String manualEntry(
      @PathVariable("id") String id,
      @AuthenticationPrincipal AgentPrincipal agent,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "temporary", defaultValue = "false") boolean temporary,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    DemoCustomers.Row c = row(id);
    ManualEntryOutcome outcome =
        service.setPassword(
            new CustomerId(id),
            password.toCharArray(),
            temporary,
            agentContext(agent, request, c.homeStore()));
    if (outcome instanceof ManualEntryOutcome.PasswordSet s) {

      redirect.addFlashAttribute(
          "notice",
          s.expiresAt() == null
              ? "Password set. The customer was told by email that it changed."
              : "Temporary password set. It works until "
                  + fmt.when(s.expiresAt())
                  + ", and must be changed at the first sign-in. The customer was told by"
                  + " email that it changed.");
      return "redirect:/backoffice/customers/" + id;
    }
    if (outcome instanceof ManualEntryOutcome.Rejected r) {

      model.addAttribute(
          "violations", r.violations().stream().map(PolicyViolation::message).toList());
      model.addAttribute("temporary", temporary);
      return customer(id, model);
    }
    if (outcome instanceof ManualEntryOutcome.ManualEntryDisabled) {

      redirect.addFlashAttribute(
          "error", "Manual entry is off. An administrator can allow it on the settings page.");
      return "redirect:/backoffice/customers/" + id;
    }
    if (outcome instanceof ManualEntryOutcome.CustomerNotFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such customer");
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  @GetMapping("/settings")
  String settings(Model model) {
    ResetSettings s = service.settings();
    model.addAttribute("allowManualEntry", s.allowManualEntry());
    model.addAttribute("ticketExpirationDelay", s.ticketExpirationDelay().toMinutes());
    model.addAttribute("selfServiceLinkLifetime", s.selfServiceLinkLifetime().toMinutes());
    model.addAttribute("agentLinkLifetime", s.agentLinkLifetime().toMinutes());
    model.addAttribute("accountSetupLinkLifetime", s.accountSetupLinkLifetime().toMinutes());
    model.addAttribute("signInAfterReset", s.signInAfterReset());
    model.addAttribute("variant", demo.variant().name());
    model.addAttribute("captcha", demo.captchaEnabled());
    return "backoffice/settings";
  }

  @PostMapping("/settings")
  String saveSettings(
      @AuthenticationPrincipal AgentPrincipal agent,
      @RequestParam(name = "allowManualEntry", defaultValue = "false") boolean allowManualEntry,
      @RequestParam(name = "ticketExpirationDelay", defaultValue = "") String ticketExpirationDelay,
      @RequestParam(name = "selfServiceLinkLifetime", defaultValue = "")
          String selfServiceLinkLifetime,
      @RequestParam(name = "agentLinkLifetime", defaultValue = "") String agentLinkLifetime,
      @RequestParam(name = "accountSetupLinkLifetime", defaultValue = "")
          String accountSetupLinkLifetime,
      @RequestParam(name = "signInAfterReset", defaultValue = "false") boolean signInAfterReset,
      @RequestParam(name = "variant", defaultValue = "LINK_FIRST") String variant,
      @RequestParam(name = "captcha", defaultValue = "false") boolean captcha,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    ResetSettings settings;
    try {
      settings =
          new ResetSettings(
              allowManualEntry,
              minutes(ticketExpirationDelay),
              minutes(selfServiceLinkLifetime),
              minutes(agentLinkLifetime),
              minutes(accountSetupLinkLifetime),
              signInAfterReset);
    } catch (IllegalArgumentException | ArithmeticException e) {
      settings(model);
      model.addAttribute(
          "error",
          "Not saved: every delay must be a whole number of minutes between 1 and 43200 (30"
              + " days).");
      return "backoffice/settings";
    }
    service.updateSettings(settings, agentContext(agent, request, null));
    demo.update(
        variant.equals("SET_THEN_CONFIRM")
            ? DemoSettings.Variant.SET_THEN_CONFIRM
            : DemoSettings.Variant.LINK_FIRST,
        captcha);
    redirect.addFlashAttribute("notice", "Settings saved.");
    return "redirect:/backoffice/settings";
  }

  /** A number of minutes as typed; empty or not a number is refused like one out of range. */
  private static Duration minutes(String typed) {
    try {
      return Duration.ofMinutes(Long.parseLong(typed.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number of minutes", e);
    }
  }

  @GetMapping("/activity")
  String activity(Model model) {
    List<ActivityRow> rows = new ArrayList<>();
    for (ResetEvent e : activity.newestFirst()) {
      String email = customers.emailOf(e.customerId());
      rows.add(
          new ActivityRow(
              fmt.when(e.at()),
              label(e.type()),
              e.type().name(),
              e.agentId() != null
                  ? "agent " + e.agentId()
                  : e.clientAddress() != null ? "client " + e.clientAddress() : "system",
              email != null ? email : e.customerId() != null ? e.customerId().value() : "",
              e.customerId() == null && e.storefront() == null
                  ? ""
                  : Store.of(e.storefront()).title(),
              details(e)));
    }
    model.addAttribute("rows", rows);
    return "backoffice/activity";
  }

  /**
   * One line of the activity page.
   *
   * @param when when
   * @param what what happened, in words
   * @param type the event type
   * @param who the agent, or the client address
   * @param whom the customer's email
   * @param store the storefront
   * @param details the event's details
   */
  public record ActivityRow(
      String when,
      String what,
      String type,
      String who,
      String whom,
      String store,
      String details) {}

  private DemoCustomers.Row row(String id) {
    return customers
        .find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such customer"));
  }

  private static AgentContext agentContext(
      AgentPrincipal agent, HttpServletRequest request, @Nullable String homeStore) {
    return new AgentContext(
        agent.username(),
        request.getRemoteAddr(),
        homeStore == null ? null : Store.of(homeStore).storefront());
  }

  private String agentDone(
      String id, AgentOutcome outcome, String what, RedirectAttributes redirect) {
    redirect.addFlashAttribute(
        outcome instanceof AgentOutcome.EmailSent ? "notice" : "error", describe(outcome, what));
    return "redirect:/backoffice/customers/" + id;
  }

  private String describe(AgentOutcome outcome, String what) {
    if (outcome instanceof AgentOutcome.EmailSent s) {
      return "The " + what + " was sent. Its link works until " + fmt.when(s.linkExpiresAt()) + ".";
    }
    if (outcome instanceof AgentOutcome.CustomerNotFound) {
      return "This customer no longer exists.";
    }
    if (outcome instanceof AgentOutcome.NotificationFailed) {
      // The reason names the mail server's answer: it is in the activity feed, not for agents.
      return "The " + what + " could not be sent, so nothing was changed. Please try again.";
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  static String label(ResetEventType type) {
    return switch (type) {
      case RESET_REQUESTED -> "Asked for a reset link or code";
      case REQUEST_IGNORED -> "Reset request ignored";
      case CLIENT_THROTTLED -> "Client throttled";
      case CAPTCHA_FAILED -> "Captcha failed";
      case NOTIFICATION_SENT -> "Email sent";
      case DELIVERY_FAILED -> "Email delivery failed";
      case DELIVERY_QUEUE_FULL -> "Email dropped (queue full)";
      case BAD_TOKEN -> "Unknown, expired or used link";
      case BAD_CODE -> "Wrong reset code";
      case PASSWORD_REJECTED -> "New password refused by the policy";
      case RESET_COMPLETED -> "Password reset completed";
      case PENDING_PASSWORD_REQUESTED -> "Chose a new password, to confirm by email";
      case AGENT_RESET_SENT -> "Sent a password reset email";
      case ACCOUNT_SETUP_SENT -> "Sent an account-setup email";
      case REMINDER_SENT -> "Sent a reminder";
      case AGENT_NOTIFICATION_FAILED -> "Agent email failed";
      case MANUAL_PASSWORD_SET -> "Typed a password for the customer";
      case MANUAL_ENTRY_REFUSED -> "Manual entry refused";
      case PASSWORD_CHANGED -> "Changed their password";
      case LOGIN_SUCCEEDED -> "Signed in";
      case LOGIN_FAILED -> "Sign-in failed";
      case LOGIN_LOCKED -> "Password sign-in locked (too many failures; a reset unlocks it)";
      case PASSWORD_REHASHED -> "Password re-hashed";
      case SETTINGS_UPDATED -> "Saved the settings";
    };
  }

  private String details(ResetEvent e) {
    Map<String, String> d = e.details();
    if (e.type() == ResetEventType.SETTINGS_UPDATED) {
      List<String> changes = new ArrayList<>();
      new TreeMap<>(d)
          .forEach(
              (key, value) -> {
                if (key.startsWith("new.")) {
                  String name = key.substring(4);
                  String old = d.get("old." + name);
                  if (!value.equals(old)) {
                    changes.add(
                        words(name)
                            + ": "
                            + (old == null ? "" : value(old))
                            + " \u2192 "
                            + value(value));
                  }
                }
              });
      return changes.isEmpty() ? "no change" : String.join(", ", changes);
    }
    List<String> parts = new ArrayList<>();
    d.forEach((k, v) -> parts.add(words(k) + ": " + value(v)));
    return String.join(" \u00b7 ", parts);
  }

  /** {@code expiresAt} reads "expires at". */
  private static String words(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  /** Enum names, durations and instants, readably. */
  private String value(String v) {
    if (v.startsWith("PT") || v.startsWith("P")) {
      try {
        return fmt.duration(Duration.parse(v));
      } catch (DateTimeParseException e) {
        // not a duration
      }
    }
    if (v.matches("[A-Z][A-Z_]+")) {
      return v.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
    try {
      return fmt.when(Instant.parse(v));
    } catch (DateTimeParseException e) {
      return v.replace(",", ", ");
    }
  }
}
