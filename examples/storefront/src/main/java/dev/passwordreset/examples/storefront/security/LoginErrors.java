package dev.passwordreset.examples.storefront.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;

/** The message of a failed sign-in, which Spring Security leaves in the session for one page. */
public final class LoginErrors {

  private LoginErrors() {}

  /**
   * Takes the last sign-in failure's message out of the session, so it is shown once.
   *
   * @param request the login page's request
   * @param fallback what to show when the session holds no failure with a message
   * @return the failure's message, else {@code fallback}
   */
  public static String take(HttpServletRequest request, String fallback) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return fallback;
    }
    Object e = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    return e instanceof Exception ex && ex.getMessage() != null ? ex.getMessage() : fallback;
  }
}
