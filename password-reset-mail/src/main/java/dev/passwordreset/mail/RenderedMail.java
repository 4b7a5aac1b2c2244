package dev.passwordreset.mail;

import java.util.Objects;

/**
 * The words of one email: its subject, plain-text body and HTML body. {@link #toString()} leaves
 * the bodies out, since they usually hold a live link or code.
 *
 * @param subject the subject line: not blank, no control characters (so it cannot inject a header)
 * @param text the plain-text body, sent as the first alternative
 * @param html the HTML body, sent as the preferred alternative; every value inserted into it must
 *     already be escaped
 */
public record RenderedMail(String subject, String text, String html) {

  /**
   * Creates a rendered email.
   *
   * @param subject the subject line: not blank, no control characters (so it cannot inject a
   *     header)
   * @param text the plain-text body, sent as the first alternative
   * @param html the HTML body, sent as the preferred alternative; every value inserted into it must
   *     already be escaped
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if the subject is blank or holds a control character, or a
   *     body is blank
   */
  public RenderedMail {
    Objects.requireNonNull(subject, "subject must not be null");
    Objects.requireNonNull(text, "text must not be null");
    Objects.requireNonNull(html, "html must not be null");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    for (int i = 0; i < subject.length(); i++) {
      if (Character.isISOControl(subject.charAt(i))) {
        throw new IllegalArgumentException(
            "subject must not contain control characters (found U+"
                + String.format("%04X", (int) subject.charAt(i))
                + " at index "
                + i
                + ")");
      }
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    if (html.isBlank()) {
      throw new IllegalArgumentException("html must not be blank");
    }
  }

  /** Gives the subject only: the bodies usually hold a live link or code. */
  @Override
  public String toString() {
    return "RenderedMail[subject="
        + subject
        + ", text=<"
        + text.length()
        + " chars>, html=<"
        + html.length()
        + " chars>]";
  }
}
