package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The page an emailed link opens, without a browser: hostile headers and throttled clients. */
class LinkPageTest extends DemoAppTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aUserAgentWithATabIsServedNotAnsweredWithAnError() throws Exception {
    // Written on a socket: the JDK's HTTP client would not send this header as a browser may.
    String answer;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), URI.create(BASE).getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /shop/reset?token=x HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\n"
                  + "User-Agent: Demo\tBrowser/1.0\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(answer).startsWith("HTTP/1.1 200").contains("This link is not valid");
  }

  @Test
  void aClientOverItsBadLinkLimitIsToldToTryAgainLaterNotThatTheLinkIsInvalid() throws Exception {
    try {
      String body = "";
      for (int i = 0; i < 12 && !body.contains("Too many attempts"); i++) {
        body = get("/shop/reset?token=guess-" + i, "Demo").body();
      }

      assertThat(body)
          .contains("Too many attempts from your network. Please try again in")
          .containsPattern("try again in (a minute|\\d+ minutes)\\.")
          .doesNotContain("This link is not valid");
    } finally {
      // The demo's other tests share this client address: let the window pass. A sliding window
      // may hold a client for up to a window and a quarter (issue 14): 15 min x 5/4 < 20 min.
      clock.advance(Duration.ofMinutes(20));
    }
  }

  private HttpResponse<String> get(String path, String userAgent)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(BASE + path)).header("User-Agent", userAgent).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
