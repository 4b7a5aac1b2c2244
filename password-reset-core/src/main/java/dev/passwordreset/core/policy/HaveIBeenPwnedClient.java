package dev.passwordreset.core.policy;

import dev.passwordreset.api.PasswordResetException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link BreachedPasswordChecker} on the Have I Been Pwned "Pwned Passwords" range API, with
 * k-anonymity: the password's SHA-1 is computed here, only its first 5 hex characters are sent
 * ({@code GET <baseUrl><prefix>}), and the answer (every known suffix with that prefix and its
 * count) is searched locally. The {@code Add-Padding: true} header asks the service to pad the
 * answer with fake suffixes of count 0, so that its size does not betray the prefix; those entries
 * count as "not breached".
 *
 * <pre>{@code
 * HaveIBeenPwnedClient hibp = HaveIBeenPwnedClient.builder()
 *     .connectTimeout(Duration.ofSeconds(2))
 *     .requestTimeout(Duration.ofSeconds(3))
 *     .build();
 * PasswordPolicy policy = RuleBasedPasswordPolicy.nist().toBuilder()
 *     .rule(BreachedPasswordRule.failOpen(hibp))
 *     .build();
 * }</pre>
 *
 * <p>Uses the JDK's {@link HttpClient} (no extra dependency), no redirects, and reads at most
 * {@value #MAX_RESPONSE_BYTES} bytes of an answer; the request timeout bounds the whole answer. A
 * timeout, a connection failure, an HTTP status other than 200 or a malformed answer is a {@link
 * PasswordResetException} whose message names the prefix-free URL and the failure, never the
 * password or its hash.
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class HaveIBeenPwnedClient implements BreachedPasswordChecker {

  /** The public service's range endpoint; the 5-character prefix is appended. */
  public static final String DEFAULT_BASE_URL = "https://api.pwnedpasswords.com/range/";

  /** The most bytes read from one answer (a padded answer is about 40,000). */
  public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final int PREFIX_LENGTH = 5;
  private static final int SUFFIX_LENGTH = 35;

  private final String baseUrl;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final String userAgent;
  private final HttpClient http;

  private HaveIBeenPwnedClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.userAgent = b.userAgent;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Starts a builder with the defaults: the public service, 2 s to connect, 3 s for the answer.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Asks the service how often the password was breached.
   *
   * @param password the password; not modified, kept or logged; encoded as UTF-8 (an unpaired
   *     surrogate is encoded as {@code ?}, like {@link String#getBytes})
   * @return its count in the answer; 0 if absent or a padding entry
   * @throws NullPointerException if {@code password} is null
   * @throws PasswordResetException if the service cannot be reached in time or answers badly; the
   *     thread's interrupt flag is kept if it was interrupted
   */
  @Override
  public long breachCount(char[] password) {
    Objects.requireNonNull(password, "password must not be null");
    String hash = sha1Hex(password);
    String prefix = hash.substring(0, PREFIX_LENGTH);
    String suffix = hash.substring(PREFIX_LENGTH);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + prefix))
            .timeout(requestTimeout)
            .header("Add-Padding", "true")
            .header("User-Agent", userAgent)
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        http.sendAsync(request, bounded(MAX_RESPONSE_BYTES));
    HttpResponse<byte[]> response;
    try {
      // The request timeout alone stops at the headers; this bounds the whole answer.
      response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new PasswordResetException(
          "the breached-password service at " + baseUrl + " did not answer in time", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof HttpTimeoutException) {
        throw new PasswordResetException(
            "the breached-password service at " + baseUrl + " did not answer in time", cause);
      }
      throw new PasswordResetException(
          "the breached-password service at " + baseUrl + " could not be reached: " + cause, cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new PasswordResetException(
          "interrupted while asking the breached-password service at " + baseUrl, e);
    }
    if (response.statusCode() != 200) {
      throw new PasswordResetException(
          "the breached-password service at "
              + baseUrl
              + " answered HTTP "
              + response.statusCode());
    }
    return find(new String(response.body(), StandardCharsets.UTF_8), suffix);
  }

  /** Collects an answer of at most {@code max} bytes; a longer one fails the request. */
  private static HttpResponse.BodyHandler<byte[]> bounded(int max) {
    return info -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.ofByteArrayConsumer(
              chunk ->
                  chunk.ifPresent(
                      bytes -> {
                        if (out.size() + bytes.length > max) {
                          throw new UncheckedIOException(
                              new IOException("the answer is longer than " + max + " bytes"));
                        }
                        out.write(bytes, 0, bytes.length);
                      })),
          ignored -> out.toByteArray());
    };
  }

  /** Searches the answer's {@code SUFFIX:COUNT} lines for the suffix. */
  private long find(String body, String suffix) {
    for (String line : body.split("\\R")) {
      String entry = line.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon != SUFFIX_LENGTH) {
        throw malformed();
      }
      if (entry.regionMatches(true, 0, suffix, 0, SUFFIX_LENGTH)) {
        try {
          long count = Long.parseLong(entry.substring(colon + 1).strip());
          if (count < 0) {
            throw malformed();
          }
          return count;
        } catch (NumberFormatException e) {
          throw malformed();
        }
      }
    }
    return 0;
  }

  private PasswordResetException malformed() {
    return new PasswordResetException(
        "the breached-password service at " + baseUrl + " sent a malformed answer");
  }

  /** The upper-case hex SHA-1 of the password's UTF-8 bytes, without making a String of it. */
  static String sha1Hex(char[] password) {
    // Sized for the worst case (3 bytes per char), so the encoder never grows the buffer and
    // leaves an unwiped copy behind.
    ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(password.length, 3));
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    encoder.encode(CharBuffer.wrap(password), bytes, true);
    encoder.flush(bytes);
    bytes.flip();
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-1").digest(array));
    } catch (NoSuchAlgorithmException e) {
      throw new PasswordResetException("SHA-1 is not available in this JVM", e);
    } finally {
      Arrays.fill(array, (byte) 0);
      if (bytes.hasArray()) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
    }
  }

  /**
   * The range endpoint in use.
   *
   * @return the base URL, to which the prefix is appended
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The timeout for the whole answer.
   *
   * @return the timeout
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String toString() {
    return "HaveIBeenPwnedClient["
        + baseUrl
        + ", connect "
        + connectTimeout
        + ", request "
        + requestTimeout
        + "]";
  }

  /**
   * Builds a {@link HaveIBeenPwnedClient}. Each setter validates at once ({@link
   * IllegalArgumentException} naming the setting and the bad value). Not thread-safe.
   */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(3);
    private String userAgent = "password-reset (dev.passwordreset)";

    private Builder() {}

    /**
     * The range endpoint, for a mirror or a test server; default {@value #DEFAULT_BASE_URL}. The
     * 5-character prefix is appended as it is, so end it with {@code /}.
     *
     * @param value an absolute https URL (plain http only for localhost) ending with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if it is not such a URL
     */
    public Builder baseUrl(String value) {
      Objects.requireNonNull(value, "baseUrl must not be null");
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("baseUrl is not a valid URL: '" + value + "'", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || host.isEmpty() || !value.endsWith("/") || uri.getQuery() != null) {
        throw new IllegalArgumentException(
            "baseUrl must be an absolute URL with a host, ending with '/', was '" + value + "'");
      }
      if (!scheme.equals("https") && !(scheme.equals("http") && LOCAL_HOSTS.contains(host))) {
        throw new IllegalArgumentException(
            "baseUrl must use https (plain http only for localhost), was '" + value + "'");
      }
      this.baseUrl = value;
      return this;
    }

    /**
     * How long connecting may take; default 2 seconds.
     *
     * @param value from 1 ms to 1 minute
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = timeout(value, "connectTimeout");
      return this;
    }

    /**
     * How long the whole answer may take, once connected; default 3 seconds.
     *
     * @param value from 1 ms to 1 minute
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = timeout(value, "requestTimeout");
      return this;
    }

    /**
     * The {@code User-Agent} header, which the service asks every client to send; default {@code
     * password-reset (dev.passwordreset)}. Name your platform here.
     *
     * @param value a non-blank text without control characters
     * @return this builder
     * @throws IllegalArgumentException if blank or holding a control character
     */
    public Builder userAgent(String value) {
      Objects.requireNonNull(value, "userAgent must not be null");
      if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "userAgent must be non-blank and without control characters");
      }
      this.userAgent = value;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public HaveIBeenPwnedClient build() {
      return new HaveIBeenPwnedClient(this);
    }

    private static Duration timeout(Duration value, String name) {
      Objects.requireNonNull(value, name + " must not be null");
      if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            name + " must be between 1 ms and 1 minute, was " + value);
      }
      return value;
    }
  }
}
