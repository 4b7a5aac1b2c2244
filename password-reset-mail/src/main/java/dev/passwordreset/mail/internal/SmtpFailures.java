package dev.passwordreset.mail.internal;

import dev.passwordreset.api.NotificationException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 * implementation stays a run-time choice. Not API: other mail bridges (the Spring adapter's {@code
 * JavaMailSender} notifier, a host's own) classify failures the same way through {@link
 * dev.passwordreset.mail.MailComposer#sendFailure}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SmtpFailures {
  private static final Pattern BAD_GREETING = Pattern.compile("response: ([2-5]\\d\\d)");
  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");
  private static final int MAX_DEPTH = 16;

  private SmtpFailures() {}

  /**
   * Classifies a mail failure: permanent for SMTP 5xx, an invalid address or refused credentials;
   * transient for 4xx, I/O failures (refused connection, time-out, TLS) and anything else.
   *
   * @param failure what the mail API threw; a {@link NotificationException} is returned as it is
   * @param what the email, described without its link (e.g. {@code "RESET_LINK email"})
   * @param related further failures reported beside it (e.g. one per message of a batch), searched
   *     like {@code failure}'s causes
   * @return the exception to throw from a {@link dev.passwordreset.api.Notifier}; its message never
   *     holds the link or code
   */
  public static NotificationException classify(
      Exception failure, String what, Throwable... related) {
    if (failure instanceof NotificationException ne) {
      return ne;
    }
    int code = 0;
    boolean io = false;
    boolean address = false;
    boolean auth = false;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> roots = new ArrayList<>();
    roots.add(failure);
    roots.addAll(Arrays.asList(related));
    for (Throwable root : roots) {
      Throwable t = root;
      for (int depth = 0; t != null && depth < MAX_DEPTH && seen.add(t); depth++) {
        int c = returnCode(t);
        // The most severe code wins: one recipient refused with 550 is permanent even if the
        // transport then reports a generic failure.
        if (c >= 500 || (c >= 400 && code < 500)) {
          code = c;
        }
        io |= t instanceof IOException;
        address |=
            t instanceof AddressException
                || (t instanceof SendFailedException sf
                    && sf.getInvalidAddresses() != null
                    && sf.getInvalidAddresses().length > 0);
        auth |= t instanceof AuthenticationFailedException;
        t = next(t);
      }
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
