package dev.passwordreset.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;

/**
 * What a test reads out of a received email: both parts, decoded (line breaks as {@code \n}), with
 * their content types.
 */
record ReceivedMail(
    MimeMessage message, String text, String textType, String html, String htmlType) {

  static ReceivedMail of(MimeMessage message) {
    try {
      if (!(message.getContent() instanceof MimeMultipart multipart)) {
        throw new AssertionError("not multipart: " + message.getContentType());
      }
      if (!multipart
          .getContentType()
          .toLowerCase(java.util.Locale.ROOT)
          .startsWith("multipart/alternative")) {
        throw new AssertionError("not multipart/alternative: " + multipart.getContentType());
      }
      if (multipart.getCount() != 2) {
        throw new AssertionError("expected 2 parts, got " + multipart.getCount());
      }
      BodyPart text = multipart.getBodyPart(0);
      BodyPart html = multipart.getBodyPart(1);
      return new ReceivedMail(
          message,
          ((String) text.getContent()).replace("\r\n", "\n"),
          text.getContentType(),
          ((String) html.getContent()).replace("\r\n", "\n"),
          html.getContentType());
    } catch (MessagingException | IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The text part with each run of white space (line breaks of the wrapping too) as one space. */
  String words() {
    return text().replaceAll("[ \\n]+", " ");
  }

  String subject() {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  String header(String name) {
    try {
      String[] values = message.getHeader(name);
      if (values == null || values.length != 1) {
        throw new AssertionError(
            "expected one " + name + " header, got " + java.util.Arrays.toString(values));
      }
      return values[0];
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }
}
