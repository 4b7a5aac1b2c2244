package dev.passwordreset.examples.storefront.store;

import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.InvalidReason;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.PendingOutcome;
import dev.passwordreset.api.RequestOutcome;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.TicketPurpose;
import dev.passwordreset.api.TokenCheck;
import dev.passwordreset.examples.storefront.DemoData;
import dev.passwordreset.examples.storefront.DemoSettings;
import dev.passwordreset.examples.storefront.security.CustomerPrincipal;
import dev.passwordreset.examples.storefront.security.LoginErrors;
import dev.passwordreset.examples.storefront.security.StoreSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The storefront pages of both stores: sign-in, "Forgot your password?" (both variants, and "send
 * me a code instead"), the page the emailed link opens, the page a code is typed on, the account
 * page and the password change (forced after a temporary password). Every library call names the
 * store as its storefront, so links go back to it.
 */
@Controller
@RequestMapping("/{store:shop|b2b}")
public class StoreController {
  private static final String PASSWORDS_DIFFER =
      "The two passwords are not the same. Please type them again.";

  private final PasswordResetService service;
  private final CustomerStore customers;
  private final DemoSettings demo;
  private final StoreSessions sessions;

  StoreController(
      PasswordResetService service,
      CustomerStore customers,
      DemoSettings demo,
      StoreSessions sessions) {
    this.service = service;
    this.customers = customers;
    this.demo = demo;
    this.sessions = sessions;
  }

  @ModelAttribute("store")
  Store store(@PathVariable("store") String path) {
    return Store.of(path);
  }

  @ModelAttribute("customer")
  @Nullable CustomerPrincipal customer() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof CustomerPrincipal p ? p : null;
  }

  @GetMapping({"", "/"})
  String home() {
    return "shop/home";
  }

  @GetMapping("/login")
  String login(
      @ModelAttribute("store") Store store,
      @RequestParam(name = "error", required = false) @Nullable String error,
      HttpServletRequest request,
      Model model) {
    if (error != null) {
      model.addAttribute(
          "loginError", LoginErrors.take(request, "That email and password do not match."));
    }
    model.addAttribute(
        "demoCustomers",
        DemoData.CUSTOMERS.stream().filter(c -> c.homeStore().equals(store.path())).toList());
    return "shop/login";
  }

  @GetMapping("/forgot")
  String forgot(Model model, HttpServletRequest request) {
    return forgotPage(model, request);
  }

  private String forgotPage(Model model, HttpServletRequest request) {
    model.addAttribute("variant", demo.variant().name());
    model.addAttribute("captcha", demo.captchaEnabled());
    model.addAttribute("captchaWord", DemoSettings.CAPTCHA_WORD);
    model.addAttribute("captchaWidget", demo.captcha().fake() ? null : demo.captcha());
    model.addAttribute("policy", service.describePolicy(request.getLocale()));
    return "shop/forgot";
  }

  @PostMapping("/forgot")
  String requestReset(
      @ModelAttribute("store") Store store,
      @RequestParam(name = "email", defaultValue = "") String email,
      @RequestParam(name = "captcha", required = false) @Nullable String captcha,
      @RequestParam(name = "password", required = false) @Nullable String password,
      @RequestParam(name = "repeat", required = false) @Nullable String repeat,
      @RequestParam(name = "by", defaultValue = "link") String by,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    model.addAttribute("email", email);
    if (email.isBlank()) {
      model.addAttribute("error", "Please enter the email address of your account.");
      return forgotPage(model, request);
    }
    if (!demo.captcha().fake()) { // the real widget posts its token under its own name
      captcha = request.getParameter(demo.captcha().field());
    }
    var ctx = Requests.context(request, store, captcha);
    if (by.equals("code")) {
      // "Send me a code instead": the same answer for every email, then the page to type it on.
      RequestOutcome outcome = service.requestResetCode(email.strip(), ctx);
      if (outcome instanceof RequestOutcome.Accepted) {
        redirect.addFlashAttribute("email", email.strip());
        return "redirect:/" + store.path() + "/forgot/code";
      }
      if (outcome instanceof RequestOutcome.CaptchaFailed) {
        return captchaFailed(model, request);
      }
      if (outcome instanceof RequestOutcome.Throttled t) {
        return throttled(model, request, t.retryAfter());
      }
      throw new IllegalStateException("unexpected outcome " + outcome);
    }
    if (demo.variant() == DemoSettings.Variant.SET_THEN_CONFIRM) {
      if (password == null || !password.equals(repeat)) {
        model.addAttribute("error", PASSWORDS_DIFFER);
        return forgotPage(model, request);
      }
      PendingOutcome outcome =
          service.requestResetWithPassword(email.strip(), Requests.chars(password), ctx);
      if (outcome instanceof PendingOutcome.Accepted) {
        return "redirect:/" + store.path() + "/forgot/sent?confirm";
      }
      if (outcome instanceof PendingOutcome.Rejected r) {

        model.addAttribute("violations", Requests.messages(r.violations()));
        return forgotPage(model, request);
      }
      if (outcome instanceof PendingOutcome.CaptchaFailed) {
        return captchaFailed(model, request);
      }
      if (outcome instanceof PendingOutcome.Throttled t) {
        return throttled(model, request, t.retryAfter());
      }
      throw new IllegalStateException("unexpected outcome " + outcome);
    }
    RequestOutcome outcome = service.requestReset(email.strip(), ctx);
    if (outcome instanceof RequestOutcome.Accepted) {
      return "redirect:/" + store.path() + "/forgot/sent";
    }
    if (outcome instanceof RequestOutcome.CaptchaFailed) {
      return captchaFailed(model, request);
    }
    if (outcome instanceof RequestOutcome.Throttled t) {
      return throttled(model, request, t.retryAfter());
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  private String captchaFailed(Model model, HttpServletRequest request) {
    model.addAttribute(
        "error",
        demo.captcha().fake()
            ? "Please type the word \"" + DemoSettings.CAPTCHA_WORD + "\" in the last field."
            : "The captcha was not confirmed. Please try again.");
    return forgotPage(model, request);
  }

  private String throttled(Model model, HttpServletRequest request, Duration retryAfter) {
    model.addAttribute(
        "error",
        "Too many requests from your network. Please try again in "
            + Requests.minutes(retryAfter)
            + ".");
    return forgotPage(model, request);
  }

  @GetMapping("/forgot/sent")
  String sent(
      @RequestParam(name = "confirm", required = false) @Nullable String confirm, Model model) {
    model.addAttribute("confirm", confirm != null);
    return "shop/sent";
  }

  /**
   * The page a code is typed on, with the email it was asked for (kept from the request, or typed
   * again) and the new password.
   */
  @GetMapping("/forgot/code")
  String codePage(Model model, HttpServletRequest request) {
    model.addAttribute("policy", service.describePolicy(request.getLocale()));
    return "shop/code";
  }

  @PostMapping("/forgot/code")
  String completeWithCode(
      @ModelAttribute("store") Store store,
      @RequestParam(name = "email", defaultValue = "") String email,
      @RequestParam(name = "code", defaultValue = "") String code,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "repeat", defaultValue = "") String repeat,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    model.addAttribute("email", email);
    if (!password.equals(repeat)) {
      model.addAttribute("code", code);
      model.addAttribute("error", PASSWORDS_DIFFER);
      return codePage(model, request);
    }
    ResetOutcome outcome =
        service.completeResetWithCode(
            email.strip(), code, Requests.chars(password), Requests.context(request, store, null));
    if (outcome instanceof ResetOutcome.Rejected r) {
      // The code was right and still works: only the password needs changing.
      model.addAttribute("code", code);
      model.addAttribute("violations", Requests.messages(r.violations()));
      return codePage(model, request);
    }
    if (outcome instanceof ResetOutcome.InvalidCode) {
      // One answer whatever is wrong, so the page tells nobody whether the email has an account.
      model.addAttribute(
          "error",
          "This code does not work with this email. A code works once, for a limited time, and"
              + " only the newest one you were sent; after a few wrong tries it stops working."
              + " Check the email and the code, or ask for a new code.");
      return codePage(model, request);
    }
    if (outcome instanceof ResetOutcome.Throttled t) {
      model.addAttribute("error", tooManyAttemptsText(t.retryAfter()));
      return codePage(model, request);
    }
    return afterReset(store, outcome, request, response, model, redirect);
  }

  @GetMapping("/reset")
  String resetPage(
      @ModelAttribute("store") Store store,
      @RequestParam(name = "token", defaultValue = "") String token,
      HttpServletRequest request,
      Model model) {
    TokenCheck check = service.checkToken(token, Requests.context(request, store, null));
    if (check instanceof TokenCheck.Valid v) {

      model.addAttribute("token", token);
      model.addAttribute("expiresAt", v.expiresAt());
      model.addAttribute("purpose", v.purpose().name());
      model.addAttribute(
          "email", customers.findById(v.customerId()).map(CustomerAccount::email).orElse(""));
      if (v.purpose() == TicketPurpose.PENDING_PASSWORD) {
        return "shop/confirm";
      }
      return resetForm(model, request);
    }
    if (check instanceof TokenCheck.Invalid i) {
      return linkProblem(model, i.reason());
    }
    if (check instanceof TokenCheck.Throttled t) {
      // The link was not even looked up: it may be good, so never say it is not valid.
      return tooManyAttempts(model, t.retryAfter());
    }
    throw new IllegalStateException("unexpected outcome " + check);
  }

  private String resetForm(Model model, HttpServletRequest request) {
    model.addAttribute("policy", service.describePolicy(request.getLocale()));
    return "shop/reset";
  }

  private String linkProblem(Model model, InvalidReason reason) {
    model.addAttribute(
        "problem",
        switch (reason) {
          case EXPIRED -> "This link has expired.";
          case USED -> "This link has already been used.";
          case REPLACED ->
              "This link has been replaced: a newer email was sent, or your password was changed"
                  + " since. Use the link in the newest email, or ask for a new one.";
          case UNKNOWN -> "This link is not valid. Check that you copied all of it.";
        });
    return "shop/link-problem";
  }

  @PostMapping("/reset")
  String completeReset(
      @ModelAttribute("store") Store store,
      @RequestParam(name = "token", defaultValue = "") String token,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "repeat", defaultValue = "") String repeat,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    var ctx = Requests.context(request, store, null);
    if (!password.equals(repeat)) {
      model.addAttribute("token", token);
      model.addAttribute("error", PASSWORDS_DIFFER);
      return resetForm(model, request);
    }
    ResetOutcome outcome = service.completeReset(token, Requests.chars(password), ctx);
    if (outcome instanceof ResetOutcome.Rejected r) {
      model.addAttribute("token", token);
      model.addAttribute("violations", Requests.messages(r.violations()));
      return resetForm(model, request);
    }
    return afterReset(store, outcome, request, response, model, redirect);
  }

  @PostMapping("/reset/confirm")
  String confirmReset(
      @ModelAttribute("store") Store store,
      @RequestParam(name = "token", defaultValue = "") String token,
      @RequestParam(name = "password", defaultValue = "") String password,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    // The password typed again proves the confirmation comes from whoever chose it.
    ResetOutcome outcome =
        service.confirmReset(
            token, Requests.chars(password), Requests.context(request, store, null));
    if (outcome instanceof ResetOutcome.Rejected r) {
      TokenCheck check = service.checkToken(token, Requests.context(request, store, null));
      if (check instanceof TokenCheck.Valid v) {
        model.addAttribute("token", token);
        model.addAttribute("expiresAt", v.expiresAt());
        model.addAttribute(
            "email", customers.findById(v.customerId()).map(CustomerAccount::email).orElse(""));
        model.addAttribute("error", String.join(" ", Requests.messages(r.violations())));
        return "shop/confirm";
      }
      if (check instanceof TokenCheck.Throttled t) {
        return tooManyAttempts(model, t.retryAfter());
      }
    }
    return afterReset(store, outcome, request, response, model, redirect);
  }

  private String afterReset(
      Store store,
      ResetOutcome outcome,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    if (outcome instanceof ResetOutcome.Completed c) {

      // Sign-in happens in the store the link was sent for.
      Store home = Store.of(c.storefront());
      CustomerAccount account = customers.findById(c.customerId()).orElseThrow();
      if (c.signIn()) {
        sessions.signIn(
            new CustomerPrincipal(
                c.customerId().value(), account.email(), account.displayName(), home, false, null),
            request,
            response);
        redirect.addFlashAttribute("notice", "Your password has been changed. You are signed in.");
        return "redirect:/" + home.path() + "/account";
      }
      return "redirect:/" + home.path() + "/login?changed";
    }
    if (outcome instanceof ResetOutcome.InvalidToken i) {
      return linkProblem(model, i.reason());
    }
    if (outcome instanceof ResetOutcome.Throttled t) {
      return tooManyAttempts(model, t.retryAfter());
    }
    if (outcome instanceof ResetOutcome.Rejected r) {

      // A pending password was checked when it was chosen; nothing to correct here.
      model.addAttribute("problem", String.join(" ", Requests.messages(r.violations())));
      return "shop/link-problem";
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  private String tooManyAttempts(Model model, Duration retryAfter) {
    model.addAttribute("problem", tooManyAttemptsText(retryAfter));
    return "shop/link-problem";
  }

  /** Too many bad links or codes from the client: what to tell the customer. */
  private static String tooManyAttemptsText(Duration retryAfter) {
    return "Too many attempts from your network. Please try again in "
        + Requests.minutes(retryAfter)
        + ".";
  }

  @GetMapping("/account")
  String account() {
    return "shop/account";
  }

  @GetMapping("/account/password")
  String changePage(Model model, HttpServletRequest request) {
    model.addAttribute("policy", service.describePolicy(request.getLocale()));
    return "shop/change-password";
  }

  @PostMapping("/account/password")
  String change(
      @ModelAttribute("store") Store store,
      @ModelAttribute("customer") @Nullable CustomerPrincipal customer,
      @RequestParam(name = "current", defaultValue = "") String current,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "repeat", defaultValue = "") String repeat,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    if (customer == null) {
      return "redirect:/" + store.path() + "/login";
    }
    if (!password.equals(repeat)) {
      model.addAttribute(
          "error", "The two new passwords are not the same. Please type them again.");
      return changePage(model, request);
    }
    if (customer.mustChange() && customer.changeToken() != null) {
      // Signed in with a temporary password a moment ago: the login's change token sets the new
      // one, so the page does not ask for the temporary password again.
      ResetOutcome reset =
          service.completeReset(
              customer.changeToken(),
              Requests.chars(password),
              Requests.context(request, store, null));
      if (reset instanceof ResetOutcome.Completed) {
        sessions.signIn(customer.changed(), request, response);
        redirect.addFlashAttribute("notice", "Your password has been changed.");
        return "redirect:/" + store.path() + "/account";
      }
      if (reset instanceof ResetOutcome.Rejected r) {
        model.addAttribute("violations", Requests.messages(r.violations()));
        return changePage(model, request);
      }
      if (reset instanceof ResetOutcome.Throttled) {
        model.addAttribute("error", "Too many attempts. Please wait a few minutes and try again.");
        return changePage(model, request);
      }
      // The temporary password's time is over (the token died with it).
      model.addAttribute(
          "error",
          "Your temporary password has expired. Sign out, then use \u201cForgot your"
              + " password?\u201d to choose a new one.");
      return changePage(model, request);
    }
    ChangeOutcome outcome =
        service.changePassword(
            customer.id(),
            Requests.chars(current),
            Requests.chars(password),
            Requests.context(request, store, null));
    if (outcome instanceof ChangeOutcome.Changed) {

      sessions.signIn(customer.changed(), request, response);
      redirect.addFlashAttribute("notice", "Your password has been changed.");
      return "redirect:/" + store.path() + "/account";
    }
    if (outcome instanceof ChangeOutcome.WrongCurrentPassword) {

      model.addAttribute("error", "Your current password is not right. Please type it again.");
      return changePage(model, request);
    }
    if (outcome instanceof ChangeOutcome.Rejected r) {

      model.addAttribute("violations", Requests.messages(r.violations()));
      return changePage(model, request);
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }
}
