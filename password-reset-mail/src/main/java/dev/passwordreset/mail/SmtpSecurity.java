package dev.passwordreset.mail;

/** How {@link JakartaMailNotifier} protects its connection to the SMTP server. */
public enum SmtpSecurity {
  /**
   * TLS from the first byte ({@code smtps}, usually port 465). The server's certificate and host
   * name are checked.
   */
  IMPLICIT_TLS(465),
  /**
   * Plain connection upgraded with {@code STARTTLS}, which the server must offer, or sending fails
   * (usually port 587). The certificate and host name are checked. The default.
   */
  STARTTLS_REQUIRED(587),
  /**
   * {@code STARTTLS} when the server offers it, plain text otherwise: an active attacker can strip
   * the offer. Only for servers on a network you trust.
   */
  STARTTLS_OPTIONAL(587),
  /** Plain text: the link travels readable. Only for a relay on the same host or a test server. */
  NONE(25);

  private final int defaultPort;

  SmtpSecurity(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /**
   * The port used when the builder is given none.
   *
   * @return 465, 587 or 25
   */
  public int defaultPort() {
    return defaultPort;
  }
}
