package dev.passwordreset.examples.storefront.store;

import dev.passwordreset.examples.storefront.security.CustomerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A customer signed in with a temporary password ({@code LoginCheck.MustChange}) sees only the
 * change page (and may sign out) until the password is changed.
 */
public class ForcedChangeInterceptor implements HandlerInterceptor {

  /** Created by {@link StoreWebConfiguration}. */
  public ForcedChangeInterceptor() {}

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof CustomerPrincipal p && p.mustChange()) {
      String changePage = request.getContextPath() + "/" + p.store().path() + "/account/password";
      if (!request.getRequestURI().equals(changePage)) {
        response.sendRedirect(changePage);
        return false;
      }
    }
    return true;
  }
}
