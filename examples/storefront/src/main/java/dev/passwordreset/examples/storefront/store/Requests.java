package dev.passwordreset.examples.storefront.store;

import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.api.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small helpers shared by the storefront pages. */
final class Requests {
  private Requests() {}

  /** The library's view of a storefront request. */
  static RequestContext context(HttpServletRequest request, Store store, @Nullable String captcha) {
    return new RequestContext(
        request.getRemoteAddr(),
        request.getHeader("User-Agent"),
        request.getLocale(),
        captcha,
        store.storefront());
  }

  /** "a minute", "12 minutes". */
  static String minutes(Duration d) {
    long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
    return minutes == 1 ? "a minute" : minutes + " minutes";
  }

  /** The messages of broken rules, in order. */
  static List<String> messages(List<PolicyViolation> violations) {
    return violations.stream().map(PolicyViolation::message).toList();
  }

  /** Copies a form field into a char[] for the library (which clears it). */
  static char[] chars(@Nullable String value) {
    return value == null ? new char[0] : value.toCharArray();
  }
}
