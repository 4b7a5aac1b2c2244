package dev.passwordreset.mail;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.mail.internal.MimeMails;
import dev.passwordreset.mail.internal.SmtpFailures;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes the email for a {@link Notification} as a {@link MimeMessage} ready for any transport, in
 * the {@link Brand} of its {@link Notification#storefront()} (the default storefront's if that one
 * has none): the shop's name, look, contact, and optionally its own sender, {@code Reply-To} and
 * time zone. The words come from the host's {@link MailTemplateRenderer} if it answers, else from
 * the {@link TemplateMailRenderer}, chosen by {@link Notification#locale()}. The message is {@code
 * multipart/alternative} (plain text, then HTML), UTF-8, to the customer (with their display name),
 * from the configured sender, with the optional {@code Reply-To}, {@code Date}, a random {@code
 * Message-ID} in the sender's domain, {@code Auto-Submitted: auto-generated} (RFC 3834: no
 * auto-replies), {@code X-Auto-Response-Suppress: All} and {@code Content-Language}.
 *
 * <p>Every notifier of the library starts with it ({@link JakartaMailNotifier}, and the Spring
 * adapter's {@code JavaMailSender} bridge), so all of them send the same message. A host that hands
 * messages to a transport of its own can use it too:
 *
 * <pre>{@code
 * MailComposer composer = MailComposer.builder()
 *     .from("no-reply@shop.example", "Example Shop")
 *     .zone(ZoneId.of("Europe/Paris"))
 *     .brand(Brand.builder("Example Shop").contact("help@shop.example").build())
 *     .brand("b2b", Brand.builder("Example Pro").contact("https://pro.shop.example/help").build())
 *     .build();
 * Notifier notifier = notification -> {
 *   MimeMessage message = composer.compose(notification, session);
 *   try {
 *     myTransport.send(message);
 *   } catch (MessagingException e) {
 *     throw MailComposer.sendFailure(notification, e);
 *   }
 * };
 * }</pre>
 *
 * <p>No message of an exception thrown or returned here holds the notification's link or code.
 *
 * <p>Immutable and thread-safe, if the host's {@link MailTemplateRenderer} is.
 */
public final class MailComposer {
  private final InternetAddress from;
  private final ZoneId zone;
  private final Clock clock;
  private final @Nullable MailTemplateRenderer renderer;
  private final TemplateMailRenderer templates;
  private final Sender defaultSender;
  private final Map<String, Sender> senders;

  /** What one storefront's emails carry: its brand (zone filled in), sender and Reply-To. */
  private record Sender(
      Brand brand,
      InternetAddress from,
      @Nullable InternetAddress replyTo,
      String messageIdDomain) {

    static Sender of(Brand brand, InternetAddress from, @Nullable InternetAddress replyTo) {
      InternetAddress sender = from;
      if (brand.fromAddress() != null) {
        String name = brand.fromName() != null ? brand.fromName() : brand.shopName();
        sender = MimeMails.address(brand.fromAddress(), name, "fromAddress");
      }
      InternetAddress reply =
          brand.replyTo() != null ? MimeMails.address(brand.replyTo(), null, "replyTo") : replyTo;
      String address = sender.getAddress();
      return new Sender(brand, sender, reply, address.substring(address.lastIndexOf('@') + 1));
    }
  }

  private MailComposer(Builder b, InternetAddress from) {
    this.from = from;
    this.zone = b.zone;
    this.clock = b.clock;
    this.renderer = b.renderer;
    this.templates = b.templates != null ? b.templates : TemplateMailRenderer.defaults();
    Brand defaultBrand = b.brand != null ? b.brand : impliedBrand(from);
    this.defaultSender = Sender.of(defaultBrand.withZoneIfUnset(zone), from, b.replyTo);
    Map<String, Sender> byStorefront = new LinkedHashMap<>();
    b.brands.forEach(
        (storefront, brand) -> {
          byStorefront.put(storefront, Sender.of(brand.withZoneIfUnset(zone), from, b.replyTo));
          templates.check(storefront);
        });
    this.senders = Map.copyOf(byStorefront);
  }

  /** A brand for a composer given none: the sender's name as the shop's, else its domain. */
  private static Brand impliedBrand(InternetAddress from) {
    String personal = from.getPersonal();
    String address = from.getAddress();
    String shop =
        personal != null && !personal.isBlank()
            ? personal
            : address.substring(address.lastIndexOf('@') + 1);
    return Brand.builder(shop).build();
  }

  /**
   * The brand of a storefront's emails, with the time zone filled in.
   *
   * @param storefront a storefront's name, or {@code null} for the default one; an unknown name
   *     gets the default storefront's brand
   * @return the brand
   */
  public Brand brand(@Nullable String storefront) {
    return sender(storefront).brand();
  }

  private Sender sender(@Nullable String storefront) {
    if (storefront == null) {
      return defaultSender;
    }
    return senders.getOrDefault(storefront, defaultSender);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Renders the notification and composes its message.
   *
   * @param notification what to write
   * @param session the mail session the message belongs to (its transport's), or {@code null} for
   *     none (e.g. a sender that supplies its own)
   * @return the message, with its headers saved, ready to send
   * @throws NullPointerException if {@code notification} is null
   * @throws NotificationException {@linkplain NotificationException#permanent() permanent} if the
   *     host's renderer or a template fails (it would fail again) or the recipient's address is
   *     malformed; its message never holds the link or code
   */
  public MimeMessage compose(Notification notification, @Nullable Session session) {
    Objects.requireNonNull(notification, "notification must not be null");
    String what = describe(notification);
    Sender sender = sender(notification.storefront());
    RenderedMail mail = render(notification, sender.brand(), what);
    try {
      return MimeMails.compose(
          session,
          notification,
          mail,
          sender.from(),
          sender.replyTo(),
          clock,
          sender.messageIdDomain());
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw SmtpFailures.classify(e, what);
    }
  }

  /** The host's renderer first (if any, and if it takes this notification), else the templates. */
  private RenderedMail render(Notification notification, Brand brand, String what) {
    try {
      if (renderer != null) {
        Optional<RenderedMail> custom = renderer.render(notification, brand);
        if (custom != null && custom.isPresent()) {
          return custom.get();
        }
      }
      return templates.render(notification, brand);
    } catch (NotificationException e) {
      throw e;
    } catch (RuntimeException e) {
      // Deterministic: rendering the same notification again would fail again.
      throw new NotificationException(
          what + ": rendering failed: " + e.getClass().getSimpleName(), true, e);
    }
  }

  /**
   * Describes the email of a notification for a failure message, without its link: {@code cannot
   * send RESET_LINK to customer c-42}. Every {@link NotificationException} of this module starts
   * with it.
   *
   * @param notification the notification
   * @return the description
   * @throws NullPointerException if {@code notification} is null
   */
  public static String describe(Notification notification) {
    Objects.requireNonNull(notification, "notification must not be null");
    return "cannot send "
        + notification.type()
        + " to customer "
        + notification.customerId().value();
  }

  /**
   * Turns a failure to send a composed message into the {@link NotificationException} a {@link
   * dev.passwordreset.api.Notifier} throws, saying whether a retry may help: {@linkplain
   * NotificationException#permanent() permanent} for an SMTP 5xx reply, an invalid address or
   * refused credentials; transient for a 4xx reply, a refused connection, a time-out, a TLS failure
   * and anything else. SMTP reply codes are read from the Jakarta Mail implementation's exceptions
   * (e.g. Angus Mail's {@code SMTPSendFailedException}) and their causes.
   *
   * @param notification the notification whose email failed
   * @param failure what the transport threw; a {@link NotificationException} is returned as it is
   * @param related further failures reported beside it (e.g. one per message of a batch), searched
   *     like {@code failure}'s causes
   * @return the exception to throw; its message starts with {@link #describe(Notification)} and
   *     never holds the link or code
   * @throws NullPointerException if an argument is null
   */
  public static NotificationException sendFailure(
      Notification notification, Exception failure, Throwable... related) {
    Objects.requireNonNull(failure, "failure must not be null");
    Objects.requireNonNull(related, "related must not be null");
    return SmtpFailures.classify(failure, describe(notification), related);
  }

  /** The default sender, for a transport's envelope. */
  InternetAddress from() {
    return from;
  }

  /**
   * The sender of a storefront's emails, for a transport's envelope.
   *
   * @param storefront the storefront, or {@code null} for the default one
   * @return its sender
   */
  InternetAddress from(@Nullable String storefront) {
    return sender(storefront).from();
  }

  /** Describes the sender and the time zone; never a link. */
  @Override
  public String toString() {
    return "MailComposer[from="
        + from
        + ", zone="
        + zone
        + ", brand="
        + defaultSender.brand().shopName()
        + (senders.isEmpty() ? "" : ", storefronts=" + senders.keySet())
        + "]";
  }

  /**
   * Builds a {@link MailComposer}. Each setter checks its argument at once and names it in the
   * exception; {@link #build()} names the missing sender. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable InternetAddress from;
    private @Nullable InternetAddress replyTo;
    private ZoneId zone = ZoneOffset.UTC;
    private Clock clock = Clock.systemUTC();
    private @Nullable MailTemplateRenderer renderer;
    private @Nullable TemplateMailRenderer templates;
    private @Nullable Brand brand;
    private final Map<String, Brand> brands = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The default storefront's brand: its shop name, look, contact, and optionally its own sender,
     * Reply-To and time zone. Default: a brand named after the sender's name (else its domain),
     * with no logo, no contact and no footer.
     *
     * @param brand the brand
     * @return this builder
     * @throws NullPointerException if {@code brand} is null
     */
    public Builder brand(Brand brand) {
      this.brand = Objects.requireNonNull(brand, "brand must not be null");
      return this;
    }

    /**
     * A further storefront's brand, for the notifications whose {@link Notification#storefront()}
     * names it (the others get the default storefront's). Its templates, in the folder of that name
     * under the templates' location, are checked when the composer is built; a storefront whose
     * name is not 1 to 64 letters, digits, {@code _} or {@code -} has no folder of its own.
     *
     * @param storefront the storefront's name, as in {@code RequestContext.storefront}
     * @param brand its brand
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException naming {@code storefront} if the name is blank or holds a
     *     control character
     */
    public Builder brand(String storefront, Brand brand) {
      Objects.requireNonNull(storefront, "storefront must not be null");
      Objects.requireNonNull(brand, "brand must not be null");
      if (storefront.isBlank() || storefront.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "storefront must not be blank or hold control characters, was \""
                + MimeMails.printable(storefront)
                + "\"");
      }
      brands.put(storefront, brand);
      return this;
    }

    /**
     * The sender. Mandatory.
     *
     * @param address e.g. {@code no-reply@shop.example}; also gives the {@code Message-ID}'s domain
     * @param personalName the name shown, e.g. {@code Example Shop}, or {@code null} for none
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if the address is not a single valid address with a domain,
     *     or the name holds a control character
     */
    public Builder from(String address, @Nullable String personalName) {
      this.from = MimeMails.address(address, personalName, "from");
      return this;
    }

    /**
     * Where replies go, such as customer service. Default: none (replies go to the sender).
     *
     * @param address a valid address
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if it is not a single valid address with a domain
     */
    public Builder replyTo(String address) {
      this.replyTo = MimeMails.address(address, null, "replyTo");
      return this;
    }

    /**
     * The time zone in which emails state when the link expires (the format follows the customer's
     * locale). Default UTC.
     *
     * @param zone e.g. {@code ZoneId.of("Europe/Paris")}
     * @return this builder
     * @throws NullPointerException if {@code zone} is null
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone must not be null");
      return this;
    }

    /**
     * The clock for the {@code Date} header and the {@code Message-ID}. Default: the system clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * The host's own wording, asked first for every email; when it answers empty, the templates are
     * used. Default: none.
     *
     * @param renderer the renderer; must be thread-safe
     * @return this builder
     * @throws NullPointerException if {@code renderer} is null
     */
    public Builder renderer(MailTemplateRenderer renderer) {
      this.renderer = Objects.requireNonNull(renderer, "renderer must not be null");
      return this;
    }

    /**
     * The templates, e.g. with another class-path location or the host's variables. Default: {@link
     * TemplateMailRenderer#defaults()}.
     *
     * @param templates the templates
     * @return this builder
     * @throws NullPointerException if {@code templates} is null
     */
    public Builder templates(TemplateMailRenderer templates) {
      this.templates = Objects.requireNonNull(templates, "templates must not be null");
      return this;
    }

    /** Whether the mandatory sender is set, for a builder that reports all it misses at once. */
    boolean hasFrom() {
      return from != null || (brand != null && brand.fromAddress() != null);
    }

    /**
     * Builds the composer; loads and checks the default templates if none were set, and each
     * branded storefront's templates.
     *
     * @return the composer
     * @throws IllegalStateException if the sender (from, or the default brand's) is missing, or a
     *     template is malformed
     */
    public MailComposer build() {
      InternetAddress sender = from;
      if (sender == null && brand != null && brand.fromAddress() != null) {
        sender = MimeMails.address(brand.fromAddress(), brand.fromName(), "fromAddress");
      }
      if (sender == null) {
        throw new IllegalStateException("MailComposer cannot be built, missing: from");
      }
      return new MailComposer(this, sender);
    }
  }
}
