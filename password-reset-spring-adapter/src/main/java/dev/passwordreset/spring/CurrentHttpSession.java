package dev.passwordreset.spring;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The id of the HTTP session of the request this thread serves, without creating one. Loaded only
 * when Spring Web and the Servlet API are on the class path.
 */
final class CurrentHttpSession {
  private CurrentHttpSession() {}

  static @Nullable String id() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes instanceof ServletRequestAttributes servlet) {
      HttpSession session = servlet.getRequest().getSession(false);
      return session == null ? null : session.getId();
    }
    return null;
  }
}
