package dev.passwordreset.mail;

import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.mail.internal.MimeMails;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends each {@link Notification} as an email over SMTP with Jakarta Mail (Eclipse Angus Mail at
 * run time), synchronously: {@link #send(Notification)} returns once the server accepted the
 * message.
 *
 * <pre>{@code
 * Notifier notifier = JakartaMailNotifier.builder()
 *     .host("smtp.example.com")                       // port 587 and STARTTLS by default
 *     .authentication("shop-mailer", secretFromVault)
 *     .from("no-reply@shop.example", "Example Shop")
 *     .replyTo("support@shop.example")
 *     .zone(ZoneId.of("Europe/Paris"))                 // for the link's expiry time
 *     .build();
 * }</pre>
 *
 * <p>Each message is {@code multipart/alternative} (plain text, then HTML), UTF-8, with {@code
 * Date}, a {@code Message-ID} in the sender's domain, {@code Auto-Submitted: auto-generated} (RFC
 * 3834: no auto-replies) and {@code Content-Language}. The words come from a host's {@link
 * MailTemplateRenderer} if it answers, else from {@link TemplateMailRenderer} (built-in wording in
 * eight languages, in each storefront's {@link Brand}, that a host can override on the class path
 * per storefront and language), chosen by {@link Notification#locale()}. The message is written by
 * a {@link MailComposer}, as in every other notifier of the library.
 *
 * <p>Failures are thrown as {@link NotificationException}: {@linkplain
 * NotificationException#permanent() permanent} for an SMTP 5xx reply, an invalid address, refused
 * credentials or a rendering error; transient for a refused connection, a time-out or an SMTP 4xx
 * reply. The exception never holds the link or the reset code.
 *
 * <p>Thread-safe: each send opens its own connection; the configuration is immutable. The SMTP
 * password is kept in memory for the life of the notifier and never logged.
 */
public final class JakartaMailNotifier implements Notifier {

  private final Session session;
  private final SmtpSecurity security;
  private final String protocol;
  private final String host;
  private final int port;
  private final @Nullable String username;
  private final @Nullable String password;
  private final MailComposer composer;
  private final InternetAddress from;

  private JakartaMailNotifier(Builder b, MailComposer composer) {
    this.host = Objects.requireNonNull(b.host);
    this.security = b.security;
    this.port = b.port != 0 ? b.port : b.security.defaultPort();
    this.protocol = b.security == SmtpSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
    this.username = b.username;
    this.password = b.password;
    this.composer = composer;
    this.from = composer.from();
    this.session = Session.getInstance(properties(b));
  }

  private Properties properties(Builder b) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", host);
    props.put(p + "port", Integer.toString(port));
    props.put(p + "connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
    props.put(p + "timeout", Long.toString(b.readTimeout.toMillis()));
    props.put(p + "writetimeout", Long.toString(b.writeTimeout.toMillis()));
    props.put(p + "auth", Boolean.toString(b.username != null));
    // No mail.smtp.from: the envelope sender is then each message's From, the storefront's own.
    switch (security) {
      case IMPLICIT_TLS -> props.put(p + "ssl.checkserveridentity", "true");
      case STARTTLS_REQUIRED -> {
        props.put(p + "starttls.enable", "true");
        props.put(p + "starttls.required", "true");
        props.put(p + "ssl.checkserveridentity", "true");
      }
      case STARTTLS_OPTIONAL -> {
        props.put(p + "starttls.enable", "true");
        props.put(p + "ssl.checkserveridentity", "true");
      }
      case NONE -> {
        // Plain text, on purpose.
      }
    }
    if (b.sslSocketFactory != null) {
      props.put(p + "ssl.socketFactory", b.sslSocketFactory);
    }
    b.sessionProperties.forEach(props::put);
    return props;
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
   * Renders the notification and hands it to the SMTP server, before returning.
   *
   * @param notification what to send
   * @throws NullPointerException if {@code notification} is null
   * @throws NotificationException if it cannot be sent; {@link NotificationException#permanent()}
   *     tells whether a retry may help
   */
  @Override
  public void send(Notification notification) {
    MimeMessage message = composer.compose(notification, session);
    Transport transport;
    try {
      transport = session.getTransport(protocol);
    } catch (MessagingException e) {
      throw MailComposer.sendFailure(notification, e);
    }
    try {
      transport.connect(host, port, username, password);
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException | RuntimeException e) {
      throw MailComposer.sendFailure(notification, e);
    } finally {
      closeQuietly(transport);
    }
  }

  /**
   * Once the server accepted the message, a failing QUIT must not turn into an error: the caller
   * would retry and the customer would get the email twice.
   */
  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // Nothing to do: the message was accepted or the failure is already being reported.
    }
  }

  /** Describes the server and sender; never the password. */
  @Override
  public String toString() {
    return "JakartaMailNotifier["
        + protocol
        + "://"
        + host
        + ":"
        + port
        + ", security="
        + security
        + ", user="
        + (username == null ? "none" : username)
        + ", from="
        + from
        + "]";
  }

  /**
   * Builds a {@link JakartaMailNotifier}. Each setter checks its argument at once and names it in
   * the exception; {@link #build()} names every missing mandatory part ({@link #host(String)} and
   * {@link #from(String, String)}). Not thread-safe.
   */
  public static final class Builder {
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private @Nullable String host;
    private int port;
    private SmtpSecurity security = SmtpSecurity.STARTTLS_REQUIRED;
    private @Nullable String username;
    private @Nullable String password;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private final MailComposer.Builder composer = MailComposer.builder();
    private @Nullable SSLSocketFactory sslSocketFactory;
    private final Map<String, String> sessionProperties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The SMTP server's host name or IP address. Mandatory.
     *
     * @param host e.g. {@code smtp.example.com}
     * @return this builder
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if it is blank or holds white space or control characters
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host must not be null");
      if (host.isBlank()
          || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new IllegalArgumentException(
            "host must be a host name or IP address without white space, was \""
                + MimeMails.printable(host)
                + "\"");
      }
      this.host = host;
      return this;
    }

    /**
     * The SMTP server's port. Default: {@link SmtpSecurity#defaultPort()} of the chosen security
     * (587 for STARTTLS, 465 for implicit TLS, 25 for none).
     *
     * @param port 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How the connection is protected. Default {@link SmtpSecurity#STARTTLS_REQUIRED}.
     *
     * @param security implicit TLS, STARTTLS (required or optional) or none
     * @return this builder
     * @throws NullPointerException if {@code security} is null
     */
    public Builder security(SmtpSecurity security) {
      this.security = Objects.requireNonNull(security, "security must not be null");
      return this;
    }

    /**
     * Authenticates to the server (SMTP AUTH). Default: no authentication.
     *
     * @param username the account name
     * @param password its password; kept in memory, never logged
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the username is blank or either holds a control
     *     character, or the password is empty (the password itself is never in the message)
     */
    public Builder authentication(String username, String password) {
      Objects.requireNonNull(username, "username must not be null");
      Objects.requireNonNull(password, "password must not be null");
      if (username.isBlank() || username.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "username must not be blank or contain control characters, was \""
                + MimeMails.printable(username)
                + "\"");
      }
      if (password.isEmpty() || password.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "password must not be empty or contain control characters");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * How long to wait for the TCP connection (and the TLS handshake). Default 10 s.
     *
     * @param timeout from 1 ms to 10 minutes
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if out of range
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for each reply of the server. Default 30 s.
     *
     * @param timeout from 1 ms to 10 minutes
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if out of range
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout(timeout, "readTimeout");
      return this;
    }

    /**
     * How long one write to the server may block. Default 30 s.
     *
     * @param timeout from 1 ms to 10 minutes
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if out of range
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout(timeout, "writeTimeout");
      return this;
    }

    private static Duration timeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, () -> name + " must not be null");
      if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            name + " must be between 1 ms and 10 minutes, was " + timeout);
      }
      return timeout;
    }

    /**
     * The sender. Mandatory.
     *
     * @param address e.g. {@code no-reply@shop.example}; also used as the envelope sender and for
     *     the {@code Message-ID}'s domain
     * @param personalName the name shown, e.g. {@code Example Shop}, or {@code null} for none
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if the address is not a single valid address with a domain,
     *     or the name holds a control character
     */
    public Builder from(String address, @Nullable String personalName) {
      composer.from(address, personalName);
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
      composer.replyTo(address);
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
      composer.zone(zone);
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
      composer.clock(clock);
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
      composer.renderer(renderer);
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
      composer.templates(templates);
      return this;
    }

    /**
     * The default storefront's brand. See {@link MailComposer.Builder#brand(Brand)}.
     *
     * @param brand the brand
     * @return this builder
     * @throws NullPointerException if {@code brand} is null
     */
    public Builder brand(Brand brand) {
      composer.brand(brand);
      return this;
    }

    /**
     * A further storefront's brand. See {@link MailComposer.Builder#brand(String, Brand)}.
     *
     * @param storefront the storefront's name
     * @param brand its brand
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException naming {@code storefront} if the name is malformed
     */
    public Builder brand(String storefront, Brand brand) {
      composer.brand(storefront, brand);
      return this;
    }

    /**
     * The factory for TLS sockets, e.g. one that trusts a company's private certificate authority.
     * Default: the JVM's. Host names are checked whatever the factory.
     *
     * @param factory the factory
     * @return this builder
     * @throws NullPointerException if {@code factory} is null
     */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      this.sslSocketFactory = Objects.requireNonNull(factory, "sslSocketFactory must not be null");
      return this;
    }

    /**
     * Any other Jakarta Mail session property, for what this builder does not cover (e.g. {@code
     * mail.smtp.localhost}, {@code mail.smtp.ssl.protocols}). Set after, so it overrides, the
     * builder's own properties.
     *
     * @param key a property starting with {@code mail.}
     * @param value its value
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key does not start with {@code mail.}
     */
    public Builder sessionProperty(String key, String value) {
      Objects.requireNonNull(key, "session property key must not be null");
      Objects.requireNonNull(value, () -> "value of session property " + key + " must not be null");
      if (!key.startsWith("mail.")) {
        throw new IllegalArgumentException(
            "session property key must start with \"mail.\", was \""
                + MimeMails.printable(key)
                + "\"");
      }
      sessionProperties.put(key, value);
      return this;
    }

    /**
     * Builds the notifier. Loads and checks the templates, but does not connect.
     *
     * @return the notifier
     * @throws IllegalStateException naming every missing mandatory part, or if a template is
     *     malformed
     */
    public JakartaMailNotifier build() {
      List<String> missing = new ArrayList<>();
      if (host == null) {
        missing.add("host");
      }
      if (!composer.hasFrom()) {
        missing.add("from");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "JakartaMailNotifier cannot be built, missing: " + String.join(", ", missing));
      }
      return new JakartaMailNotifier(this, composer.build());
    }
  }
}
