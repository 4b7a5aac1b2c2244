package dev.passwordreset.examples.storefront.mailbox;

import com.icegreen.greenmail.util.GreenMail;
import dev.passwordreset.examples.storefront.Formats;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * The demo's mailbox: every email the embedded SMTP server caught, so that a reset link can be
 * clicked inside the demo. Showing other people's reset links is exactly what a real platform must
 * never do; this page exists only because the demo's mail never leaves the machine.
 */
@Controller
@RequestMapping("/mailbox")
public class MailboxController {
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

  private final GreenMail smtp;
  private final Formats fmt;

  MailboxController(GreenMail smtp, Formats fmt) {
    this.smtp = smtp;
    this.fmt = fmt;
  }

  /**
   * One caught email.
   *
   * @param id its address in the mailbox, taken from its Message-ID: it stays the same whatever
   *     arrives later (GreenMail lists its messages grouped by recipient, so a position would not)
   * @param from the sender, as its name shows (each store sends as itself)
   * @param to the recipients
   * @param subject the subject
   * @param received when it arrived
   */
  public record Summary(String id, String from, String to, String subject, String received) {}

  /** Newest first, every recipient together; an email's link never changes. */
  @GetMapping
  String list(@RequestParam(name = "to", required = false) @Nullable String to, Model model)
      throws MessagingException {
    String filter = to == null ? "" : to.strip().toLowerCase(Locale.ROOT);
    List<Summary> summaries = new ArrayList<>();
    for (MimeMessage m : newestFirst()) {
      Summary s = summary(m);
      if (filter.isEmpty() || s.to().toLowerCase(Locale.ROOT).contains(filter)) {
        summaries.add(s);
      }
    }
    model.addAttribute("to", filter);
    model.addAttribute("mails", summaries);
    return "mailbox/list";
  }

  @GetMapping("/{id}")
  String show(@PathVariable("id") String id, Model model) throws MessagingException, IOException {
    MimeMessage message = null;
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (id(m).equals(id)) {
        message = m;
        break;
      }
    }
    if (message == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such email");
    }
    List<String> texts = new ArrayList<>();
    List<String> htmls = new ArrayList<>();
    collect(message, texts, htmls);
    model.addAttribute("mail", summary(message));
    model.addAttribute("from", addresses(message.getFrom()));
    model.addAttribute("textHtml", texts.isEmpty() ? null : linkify(texts.get(0)));
    // Links in the sandboxed frame open in the demo's window, not inside the frame.
    model.addAttribute("html", htmls.isEmpty() ? null : "<base target=\"_top\">" + htmls.get(0));
    return "mailbox/show";
  }

  @PostMapping("/clear")
  String clear() throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    return "redirect:/mailbox";
  }

  /** Every caught email by arrival, newest first (GreenMail's own order is by recipient). */
  private List<MimeMessage> newestFirst() throws MessagingException {
    List<MimeMessage> all = new ArrayList<>(Arrays.asList(smtp.getReceivedMessages()));
    List<Long> arrival = new ArrayList<>();
    for (MimeMessage m : all) {
      arrival.add(received(m) == null ? 0L : received(m).getTime());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    // Newest first; the same instant keeps GreenMail's order, reversed, so a burst reads like one.
    order.sort(
        Comparator.comparing((Integer i) -> arrival.get(i)).thenComparing(i -> i).reversed());
    List<MimeMessage> sorted = new ArrayList<>();
    for (int i : order) {
      sorted.add(all.get(i));
    }
    return sorted;
  }

  private static @Nullable Date received(MimeMessage m) throws MessagingException {
    return m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
  }

  /** A stable, URL-safe name for an email: a digest of its Message-ID. */
  static String id(MimeMessage m) throws MessagingException {
    String messageId = m.getMessageID();
    String key = messageId != null ? messageId : m.getSubject() + "|" + received(m);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Summary summary(MimeMessage m) throws MessagingException {
    Date received = received(m);
    return new Summary(
        id(m),
        senderName(m.getFrom()),
        addresses(m.getRecipients(Message.RecipientType.TO)),
        m.getSubject() == null ? "(no subject)" : m.getSubject(),
        received == null ? "" : fmt.when(received.toInstant()));
  }

  /** The sender's name if it has one, else its address. */
  private static String senderName(jakarta.mail.Address @Nullable [] from) {
    if (from == null || from.length == 0) {
      return "";
    }
    if (from[0] instanceof InternetAddress sender && sender.getPersonal() != null) {
      return sender.getPersonal();
    }
    return addresses(from);
  }

  private static String addresses(jakarta.mail.Address @Nullable [] addresses) {
    if (addresses == null) {
      return "";
    }
    return Arrays.stream(addresses)
        .map(a -> a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString())
        .collect(Collectors.joining(", "));
  }

  private static void collect(Part part, List<String> texts, List<String> htmls)
      throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      texts.add(part.getContent().toString());
    } else if (part.isMimeType("text/html")) {
      htmls.add(part.getContent().toString());
    } else if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        collect(body, texts, htmls);
      }
    }
  }

  /** Escapes the text, then turns its addresses into links. */
  static String linkify(String text) {
    String escaped = HtmlUtils.htmlEscape(text);
    Matcher m = URL.matcher(escaped);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String url = m.group();
      m.appendReplacement(
          out,
          Matcher.quoteReplacement("<a class=\"mail-link\" href=\"" + url + "\">" + url + "</a>"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
