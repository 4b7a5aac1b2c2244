package dev.passwordreset.spring.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A request the endpoints refuse before calling the service; answered by {@link WebErrors}. */
final class WebRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The answer's status. */
  private final HttpStatus status;

  /** The answer's body. */
  private final PasswordResetController.RequestProblem problem;

  WebRequestException(HttpStatus status, String error, @Nullable String field, String message) {
    super(error + (field == null ? "" : " (" + field + ")"), null, false, false);
    this.status = status;
    this.problem = new PasswordResetController.RequestProblem(error, field, message);
  }

  HttpStatus status() {
    return status;
  }

  PasswordResetController.RequestProblem problem() {
    return problem;
  }
}
