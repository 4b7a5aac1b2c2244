package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import dev.passwordreset.testkit.LogCapture;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HIBP range client and the breached-password rule against a range server on loopback: no
 * request ever leaves the machine.
 */
class HaveIBeenPwnedClientTest {

  /** A password the tests' range server lists; not a word of any message, so leaks stand out. */
  private static final String PASSWORD = "Tr0ub4dor&3-leaked";

  private static final String PASSWORD_PREFIX = sha1Utf8(PASSWORD).substring(0, 5);
  private static final String PASSWORD_SUFFIX = sha1Utf8(PASSWORD).substring(5);

  private record Seen(String path, Map<String, List<String>> headers) {}

  private HttpServer server;
  private ExecutorService serverThreads;
  private final List<Seen> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> ranges = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile boolean slow;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/range/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
    assertThat(serverThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private void serve(HttpExchange exchange) throws IOException {
    requests.add(
        new Seen(exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders())));
    if (slow) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String prefix = exchange.getRequestURI().getPath().substring("/range/".length());
    byte[] body =
        ranges
            .getOrDefault(prefix, "0000000000000000000000000000000000A:0\r\n")
            .getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/range/";
  }

  /** A client that waits long enough for a loaded build machine. */
  private HaveIBeenPwnedClient client() {
    return client(Duration.ofSeconds(15));
  }

  /** A client with a short request timeout, for the slow server. */
  private HaveIBeenPwnedClient impatientClient() {
    return client(Duration.ofMillis(300));
  }

  private HaveIBeenPwnedClient client(Duration requestTimeout) {
    return HaveIBeenPwnedClient.builder()
        .baseUrl(base())
        .connectTimeout(Duration.ofSeconds(15))
        .requestTimeout(requestTimeout)
        .build();
  }

  /** A padded range answer: real entries, then fakes with count 0, CRLF as the service sends. */
  private static String range(String... entries) {
    StringBuilder b = new StringBuilder();
    for (String e : entries) {
      b.append(e).append("\r\n");
    }
    for (int i = 0; i < 50; i++) {
      b.append(String.format(Locale.ROOT, "%035X", 0xABCDEFL + i)).append(":0\r\n");
    }
    return b.toString();
  }

  private static char[] pw(String s) {
    SecretWatchExtension.secret(s);
    return s.toCharArray();
  }

  @Test
  void breachCountWhenListedThenItsCountAndOnlyTheFiveCharacterPrefixIsSent() {
    ranges.put(
        PASSWORD_PREFIX,
        range("003D68EB55068C33ACE09247EE4C639306B:3", PASSWORD_SUFFIX + ":10434004"));
    SecretWatchExtension.secret(PASSWORD_PREFIX + PASSWORD_SUFFIX);

    assertThat(client().breachCount(pw(PASSWORD))).isEqualTo(10_434_004L);

    assertThat(requests).hasSize(1);
    Seen seen = requests.get(0);
    assertThat(seen.path()).isEqualTo("/range/" + PASSWORD_PREFIX);
    assertThat(seen.path()).doesNotContain(PASSWORD_SUFFIX.substring(0, 6));
    assertThat(seen.headers().get("Add-padding")).containsExactly("true");
    assertThat(seen.headers().get("User-agent")).isNotEmpty();
  }

  @Test
  void breachCountMatchesTheSuffixIgnoringCase() {
    ranges.put(PASSWORD_PREFIX, range(PASSWORD_SUFFIX.toLowerCase(Locale.ROOT) + ":7"));

    assertThat(client().breachCount(pw(PASSWORD))).isEqualTo(7);
  }

  @Test
  void breachCountWhenOnlyAPaddingEntryWithCountZeroMatchesThenZero() {
    ranges.put(PASSWORD_PREFIX, range(PASSWORD_SUFFIX + ":0"));

    assertThat(client().breachCount(pw(PASSWORD))).isZero();
  }

  @Test
  void breachCountWhenAbsentFromTheRangeThenZero() {
    ranges.put(PASSWORD_PREFIX, range("003D68EB55068C33ACE09247EE4C639306B:3"));

    assertThat(client().breachCount(pw(PASSWORD))).isZero();
  }

  @Test
  void sha1IsOfTheUtf8BytesInUpperCaseHex() {
    // The service's documented example: SHA-1("password").
    assertThat(HaveIBeenPwnedClient.sha1Hex("password".toCharArray()))
        .isEqualTo("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8");
    // "é" is two UTF-8 bytes (C3 A9), as the service hashed it; not the one ISO-8859-1 byte.
    assertThat(HaveIBeenPwnedClient.sha1Hex("é".toCharArray()))
        .isEqualTo(sha1Utf8("é"))
        .isNotEqualTo(sha1Of(new byte[] {(byte) 0xE9}));
    assertThat(HaveIBeenPwnedClient.sha1Hex(new char[] {'\uD800'})).isEqualTo(sha1Utf8("?"));
  }

  private static String sha1Utf8(String s) {
    return sha1Of(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha1Of(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .withUpperCase()
          .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void breachCountWhenServerAnswers5xxThenPasswordResetExceptionNamingTheStatus() {
    status = 503;

    assertThatThrownBy(() -> client().breachCount(pw(PASSWORD)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageNotContaining(PASSWORD_PREFIX);
  }

  @Test
  void breachCountWhenServerIsSlowThenTimesOutWithinAGenerousBound() {
    slow = true;
    long start = System.nanoTime();

    assertThatThrownBy(() -> impatientClient().breachCount(pw(PASSWORD)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("did not answer in time");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void breachCountWhenAnswerIsMalformedThenPasswordResetException() {
    ranges.put(PASSWORD_PREFIX, "this is not a range answer\r\n");

    assertThatThrownBy(() -> client().breachCount(pw(PASSWORD)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void breachCountWhenCountIsNotANumberThenPasswordResetException() {
    ranges.put(PASSWORD_PREFIX, PASSWORD_SUFFIX + ":many\r\n");

    assertThatThrownBy(() -> client().breachCount(pw(PASSWORD)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void ruleWhenBreachedThenViolationInTheCustomersLanguage() {
    ranges.put(PASSWORD_PREFIX, range(PASSWORD_SUFFIX + ":3"));
    BreachedPasswordRule rule = BreachedPasswordRule.failClosed(client());

    assertThat(rule.check(pw(PASSWORD), new PolicyContext(null, null, Locale.FRENCH)))
        .map(PolicyViolation::rule)
        .contains(BreachedPasswordRule.ID);
    assertThat(rule.check(pw(PASSWORD), new PolicyContext(null, null, Locale.FRENCH)))
        .map(PolicyViolation::message)
        .hasValueSatisfying(m -> assertThat(m).startsWith("Ce mot de passe est apparu"));
  }

  @Test
  void ruleWhenOnlyPaddingMatchesThenPasses() {
    ranges.put(PASSWORD_PREFIX, range(PASSWORD_SUFFIX + ":0"));

    assertThat(
            BreachedPasswordRule.failClosed(client())
                .check(pw(PASSWORD), new PolicyContext(null, null, Locale.ENGLISH)))
        .isEmpty();
  }

  @Test
  void ruleWhenServerIsSlowAndFailOpenThenPasses() {
    slow = true;

    assertThat(
            BreachedPasswordRule.failOpen(impatientClient())
                .check(pw(PASSWORD), new PolicyContext(null, null, Locale.ENGLISH)))
        .isEmpty();
  }

  @Test
  void ruleWhenServerIsSlowAndFailClosedThenClearUnavailableViolation() {
    slow = true;

    assertThat(
            BreachedPasswordRule.failClosed(impatientClient())
                .check(pw(PASSWORD), new PolicyContext(null, null, Locale.ENGLISH)))
        .contains(
            new PolicyViolation(
                BreachedPasswordRule.UNAVAILABLE_ID,
                "We could not check this password against known data breaches just now: please"
                    + " try again in a moment."));
  }

  @Test
  void ruleWhenServerAnswers5xxThenFailOpenPassesAndFailClosedRejects() {
    status = 500;
    PolicyContext en = new PolicyContext(null, null, Locale.ENGLISH);

    assertThat(BreachedPasswordRule.failOpen(client()).check(pw(PASSWORD), en)).isEmpty();
    assertThat(BreachedPasswordRule.failClosed(client()).check(pw(PASSWORD), en))
        .map(PolicyViolation::rule)
        .contains(BreachedPasswordRule.UNAVAILABLE_ID);
  }

  @Test
  void nistPresetWithTheRuleRejectsABreachedPassphraseAndKeepsItsOtherRules() {
    String breached = "correct horse battery staple";
    String hash = HaveIBeenPwnedClient.sha1Hex(breached.toCharArray());
    ranges.put(hash.substring(0, 5), range(hash.substring(5) + ":342"));
    RuleBasedPasswordPolicy policy =
        RuleBasedPasswordPolicy.nist().toBuilder()
            .rule(BreachedPasswordRule.failOpen(client()))
            .build();
    PolicyContext en = new PolicyContext("jane@example.com", null, Locale.ENGLISH);

    assertThat(policy.check(pw(breached), en))
        .extracting(PolicyViolation::rule)
        .containsExactly(BreachedPasswordRule.ID);
    assertThat(policy.check(pw("purple elephants dance at noon"), en)).isEmpty();
    assertThat(policy.describe(Locale.ENGLISH).requirements())
        .contains("Must not have appeared in a known data breach.");
  }

  @Test
  void builderRefusesPlainHttpExceptOnLoopbackAndBadTimeouts() {
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().baseUrl("http://pwned.example/range/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().baseUrl("https://pwned.example/range"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ending with '/'");
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().baseUrl("range/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestTimeout")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().connectTimeout(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().userAgent("a\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HaveIBeenPwnedClient.builder().build().baseUrl())
        .isEqualTo(HaveIBeenPwnedClient.DEFAULT_BASE_URL);
    assertThat(HaveIBeenPwnedClient.builder().baseUrl("http://localhost:8080/r/").build().baseUrl())
        .isEqualTo("http://localhost:8080/r/");
  }

  @Test
  void ruleRefusesAThresholdBelowOne() {
    assertThatThrownBy(
            () -> new BreachedPasswordRule(p -> 0, BreachedPasswordRule.FailureMode.OPEN, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold")
        .hasMessageContaining("0");
  }

  @Test
  void ruleWithAThresholdAcceptsRarerPasswords() {
    BreachedPasswordRule rule =
        new BreachedPasswordRule(p -> 2, BreachedPasswordRule.FailureMode.CLOSED, 3);
    BreachedPasswordRule strict =
        new BreachedPasswordRule(p -> 3, BreachedPasswordRule.FailureMode.CLOSED, 3);
    PolicyContext en = new PolicyContext(null, null, Locale.ENGLISH);

    assertThat(rule.check(pw("whatever-it-is"), en)).isEmpty();
    assertThat(strict.check(pw("whatever-it-is"), en)).isPresent();
    assertThat(rule.failureMode()).isEqualTo(BreachedPasswordRule.FailureMode.CLOSED);
    assertThat(rule).hasToString("breached-password(fail-closed)");
  }

  @Test
  void builderWhenUserAgentGivenThenSentWithEveryRequest() {
    ranges.put(PASSWORD_PREFIX, range(PASSWORD_SUFFIX + ":2"));
    HaveIBeenPwnedClient named =
        HaveIBeenPwnedClient.builder()
            .baseUrl(base())
            .userAgent("Shop-Platform/4.2 (ops@shop.example)")
            .requestTimeout(Duration.ofSeconds(15))
            .build();

    assertThat(named.breachCount(pw(PASSWORD))).isEqualTo(2);
    assertThat(client().breachCount(pw(PASSWORD))).isEqualTo(2);

    assertThat(requests.get(0).headers().get("User-agent"))
        .containsExactly("Shop-Platform/4.2 (ops@shop.example)");
    assertThat(requests.get(1).headers().get("User-agent"))
        .containsExactly("password-reset (dev.passwordreset)");
  }

  @Test
  void builderWhenUserAgentBlankOrWithControlCharacterThenRefused() {
    for (String bad : new String[] {"", "   ", "shop\tplatform", "shop\u0000"}) {
      assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().userAgent(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("userAgent");
    }
    assertThatThrownBy(() -> HaveIBeenPwnedClient.builder().userAgent(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("userAgent");
  }

  @Test
  void builderWhenTimeoutsAtTheEndsOfTheirRangeThenAcceptedAndReported() {
    HaveIBeenPwnedClient quick =
        HaveIBeenPwnedClient.builder()
            .connectTimeout(Duration.ofMillis(1))
            .requestTimeout(Duration.ofMinutes(1))
            .build();
    HaveIBeenPwnedClient patient =
        HaveIBeenPwnedClient.builder()
            .connectTimeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofMillis(1))
            .build();

    assertThat(quick.connectTimeout()).isEqualTo(Duration.ofMillis(1));
    assertThat(quick.requestTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(patient.connectTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(patient.requestTimeout()).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(
            () -> HaveIBeenPwnedClient.builder().connectTimeout(Duration.ofNanos(999_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(
            () -> HaveIBeenPwnedClient.builder().requestTimeout(Duration.ofMinutes(1).plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestTimeout");
  }

  @Test
  void defaultsAndToStringShowTheEndpointAndTimeouts() {
    HaveIBeenPwnedClient defaults = HaveIBeenPwnedClient.builder().build();

    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(defaults)
        .hasToString(
            "HaveIBeenPwnedClient[https://api.pwnedpasswords.com/range/, connect PT2S, request"
                + " PT3S]");
  }

  @Test
  void breachCountWhenCallerInterruptedThenPasswordResetExceptionAndFlagKept() {
    HaveIBeenPwnedClient hibp = client();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> hibp.breachCount(pw(PASSWORD)))
          .isInstanceOf(PasswordResetException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void breachCountWhenNothingListensThenTheCauseIsTheConnectionFailure() {
    int port = server.getAddress().getPort();
    server.stop(0);
    HaveIBeenPwnedClient closed =
        HaveIBeenPwnedClient.builder().baseUrl("http://127.0.0.1:" + port + "/range/").build();

    assertThatThrownBy(() -> closed.breachCount(pw(PASSWORD)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageStartingWith(
            "the breached-password service at http://127.0.0.1:"
                + port
                + "/range/ could not be"
                + " reached: java.net.ConnectException")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void breachCountWhenConnectingTimesOutThenDidNotAnswerInTime() throws IOException {
    // a listener that never accepts: once its backlog is full, connecting hangs
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> backlog = new ArrayList<>();
      boolean full = false;
      try {
        for (int i = 0; i < 16 && !full; i++) {
          Socket socket = new Socket();
          backlog.add(socket);
          try {
            socket.connect(silent.getLocalSocketAddress(), 50);
          } catch (SocketTimeoutException e) {
            full = true;
          }
        }
        assumeTrue(full, "this system does not hold back connections over the backlog");
        HaveIBeenPwnedClient hibp =
            HaveIBeenPwnedClient.builder()
                .baseUrl("http://127.0.0.1:" + silent.getLocalPort() + "/range/")
                .connectTimeout(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(15))
                .build();

        assertThatThrownBy(() -> hibp.breachCount(pw(PASSWORD)))
            .isInstanceOf(PasswordResetException.class)
            .hasMessageContaining("did not answer in time")
            .hasCauseInstanceOf(HttpConnectTimeoutException.class);
      } finally {
        for (Socket socket : backlog) {
          socket.close();
        }
      }
    }
  }

  @Test
  void breachCountWhenAnswerHasExactlyTheMaximumSizeThenRead() {
    ranges.put(PASSWORD_PREFIX, answerOf(HaveIBeenPwnedClient.MAX_RESPONSE_BYTES));

    assertThat(client().breachCount(pw(PASSWORD))).isEqualTo(5);
  }

  @Test
  void breachCountWhenAnswerIsOneByteLongerThanTheMaximumThenPasswordResetException() {
    ranges.put(PASSWORD_PREFIX, answerOf(HaveIBeenPwnedClient.MAX_RESPONSE_BYTES + 1));

    assertThatThrownBy(() -> client().breachCount(pw(PASSWORD)))
        .isInstanceOf(PasswordResetException.class)
        .hasMessageContaining("longer than " + HaveIBeenPwnedClient.MAX_RESPONSE_BYTES + " bytes");
  }

  /** A range answer listing the password 5 times, padded to exactly {@code size} ASCII bytes. */
  private static String answerOf(int size) {
    StringBuilder b = new StringBuilder(PASSWORD_SUFFIX).append(":5\r\n");
    int line = 35 + ":0\r\n".length();
    int lines = (size - b.length()) / line;
    int extra = (size - b.length()) % line;
    for (int i = 0; i < lines; i++) {
      String fake = Long.toHexString(0xABCDEFL + i).toUpperCase(Locale.ROOT);
      b.append("0".repeat(35 - fake.length()))
          .append(fake)
          .append(':')
          .append(i == 0 ? "0".repeat(1 + extra) : "0")
          .append("\r\n");
    }
    assertThat(b).hasSize(size);
    return b.toString();
  }

  @Test
  void ruleWhenCheckerFailsThenLogsTheModeAndTheFailureButNeverThePassword() {
    BreachedPasswordChecker broken =
        password -> {
          throw new PasswordResetException("the service is down");
        };
    PolicyContext en = new PolicyContext(null, null, Locale.ENGLISH);
    List<ILoggingEvent> events;
    try (LogCapture log = LogCapture.of(BreachedPasswordRule.class)) {
      BreachedPasswordRule.failOpen(broken).check(pw(PASSWORD), en);
      BreachedPasswordRule.failClosed(broken).check(pw(PASSWORD), en);
      events = log.events();
    }

    assertThat(events)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "The breached-password check could not be made (PasswordResetException: the service"
                + " is down); failing open",
            "The breached-password check could not be made (PasswordResetException: the service"
                + " is down); failing closed");
    assertThat(events).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
  }
}
