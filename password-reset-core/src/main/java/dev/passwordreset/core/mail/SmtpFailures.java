package dev.passwordreset.core.mail;

import dev.passwordreset.api.NotificationException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Jakarta Mail failure into a {@link NotificationException} that says whether a retry may
 * help.
 *
 * <p>SMTP reply codes are read from the implementation's exceptions (Angus Mail's {@code
 * SMTPSendFailedException}, {@code SMTPAddressFailedException}, ...) through their public {@code
 * getReturnCode()} method, so that this library compiles against the Jakarta Mail API alone and the
 * implementation stays a run-time choice.
 */
final class SmtpFailures {
  private static final Pattern BAD_GREETING = Pattern.compile("response: ([2-5]\\d\\d)");
  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");
  private static final int MAX_DEPTH = 16;

  private SmtpFailures() {}

  static NotificationException classify(Exception failure, String what) {
    if (failure instanceof NotificationException ne) {
      return ne;
    }
    int code = 0;
    boolean io = false;
    boolean address = false;
    boolean auth = false;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH && seen.add(t); depth++) {
      int c = returnCode(t);
      // The most severe code wins: one recipient refused with 550 is permanent even if the
      // transport then reports a generic failure.
      if (c >= 500 || (c >= 400 && code < 500)) {
        code = c;
      }
      io |= t instanceof IOException;
      address |= t instanceof AddressException;
      auth |= t instanceof AuthenticationFailedException;
      t = next(t);
    }
    boolean permanent;
    String kind;
    if (code >= 500) {
      permanent = true;
      kind = "refused by the SMTP server (" + code + ")";
    } else if (code >= 400) {
      permanent = false;
      kind = "temporarily refused by the SMTP server (" + code + ")";
    } else if (address) {
      permanent = true;
      kind = "invalid address";
    } else if (auth) {
      permanent = true;
      kind = "SMTP authentication failed";
    } else if (io) {
      permanent = false;
      kind = "SMTP server unreachable or too slow";
    } else {
      permanent = false;
      kind = "SMTP failure";
    }
    return new NotificationException(
        what + ": " + kind + ": " + safeMessage(failure), permanent, failure);
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof MessagingException me && me.getNextException() != null) {
      return me.getNextException();
    }
    return t.getCause();
  }

  /** The SMTP reply code carried by the exception, or 0. */
  static int returnCode(Throwable t) {
    try {
      Method m = t.getClass().getMethod("getReturnCode");
      if (m.getReturnType() == int.class) {
        return (int) m.invoke(t);
      }
    } catch (ReflectiveOperationException | RuntimeException ignored) {
      // Not an SMTP exception: fall back to the message.
    }
    String message = t.getMessage();
    if (t instanceof MessagingException && message != null) {
      Matcher greeting = BAD_GREETING.matcher(message);
      if (greeting.find()) {
        return Integer.parseInt(greeting.group(1));
      }
      if (t instanceof AuthenticationFailedException) {
        Matcher leading = LEADING_CODE.matcher(message);
        if (leading.find()) {
          return Integer.parseInt(leading.group(1));
        }
      }
    }
    return 0;
  }

  /** The failure's message on one line, cut short; mail servers do not echo message bodies. */
  private static String safeMessage(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return t.getClass().getSimpleName();
    }
    String oneLine = message.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
