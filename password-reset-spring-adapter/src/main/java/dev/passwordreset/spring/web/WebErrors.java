package dev.passwordreset.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error under the endpoints' base path gets the library's JSON body and {@code Cache-Control:
 * no-store}, also Spring's own 400 (malformed JSON, empty body), 404, 405, 415 and any 500:
 * resolved here, before Spring MVC's default resolver answers with its own error page. Requests
 * outside the base path are left to the host's error handling.
 *
 * <p>No answer echoes the request's input. Thread-safe.
 */
public final class WebErrors implements HandlerExceptionResolver, Ordered {
  private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

  private final String basePath;

  /**
   * Creates the resolver.
   *
   * @param basePath the endpoints' base path, e.g. {@code /password-reset}
   * @throws IllegalArgumentException if it does not start with {@code /}
   */
  public WebErrors(String basePath) {
    if (basePath == null || !basePath.startsWith("/")) {
      throw new IllegalArgumentException("basePath must start with /, was " + basePath);
    }
    this.basePath =
        basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
  }

  /** Runs before Spring MVC's own resolvers (after Boot's, which only records the error). */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public @Nullable ModelAndView resolveException(
      HttpServletRequest request,
      HttpServletResponse response,
      @Nullable Object handler,
      Exception e) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!(path.equals(basePath) || path.startsWith(basePath + "/"))) {
      return null;
    }
    try {
      answer(response, e);
    } catch (IOException io) {
      log.debug("password-reset web: the error answer could not be written", io);
    }
    return new ModelAndView();
  }

  private static void answer(HttpServletResponse response, Exception e) throws IOException {
    if (e instanceof WebRequestException w) {
      write(response, w.status(), w.problem());
    } else if (e instanceof HttpMessageNotReadableException) {
      write(
          response,
          HttpStatus.BAD_REQUEST,
          problem("malformed-request", "The request's body is not the JSON object expected."));
    } else if (e instanceof HttpRequestMethodNotSupportedException m) {
      if (m.getSupportedHttpMethods() != null) {
        response.setHeader(
            HttpHeaders.ALLOW,
            String.join(", ", m.getSupportedHttpMethods().stream().map(Object::toString).toList()));
      }
      write(
          response,
          HttpStatus.METHOD_NOT_ALLOWED,
          problem("method-not-allowed", "This address does not take this method."));
    } else if (e instanceof HttpMediaTypeNotSupportedException) {
      write(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          problem("unsupported-media-type", "Send the body as application/json."));
    } else if (e instanceof HttpMediaTypeNotAcceptableException) {
      write(
          response,
          HttpStatus.NOT_ACCEPTABLE,
          problem("not-acceptable", "The answers are application/json."));
    } else if (e instanceof NoHandlerFoundException || e instanceof NoResourceFoundException) {
      write(response, HttpStatus.NOT_FOUND, problem("not-found", "There is no such endpoint."));
    } else if (e instanceof IllegalArgumentException) {
      // An argument the service refused (e.g. a storefront it does not know): the request's fault.
      log.warn("password-reset web: a request was refused: {}", e.getClass().getSimpleName());
      write(
          response,
          HttpStatus.BAD_REQUEST,
          problem("bad-request", "The request holds a value the service does not accept."));
    } else {
      log.error("password-reset web: the request failed", e);
      write(
          response,
          HttpStatus.INTERNAL_SERVER_ERROR,
          problem("internal-error", "Something went wrong on our side. Please try again later."));
    }
  }

  private static PasswordResetController.RequestProblem problem(String error, String message) {
    return new PasswordResetController.RequestProblem(error, null, message);
  }

  private static void write(
      HttpServletResponse response,
      HttpStatus status,
      PasswordResetController.RequestProblem problem)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status.value());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"error\":"
                + json(problem.error())
                + ",\"field\":"
                + (problem.field() == null ? "null" : json(problem.field()))
                + ",\"message\":"
                + json(problem.message())
                + "}");
  }

  /** A JSON string of the library's own words (no input reaches here). */
  private static String json(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
