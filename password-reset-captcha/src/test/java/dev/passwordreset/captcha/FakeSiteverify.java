package dev.passwordreset.captcha;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local {@code siteverify} endpoint on 127.0.0.1 (port 0): answers what the test sets, records
 * every form it receives.
 */
final class FakeSiteverify implements AutoCloseable {

  private final HttpServer server;
  private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile byte[] body = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
  private volatile boolean hang;
  private volatile boolean chunked;

  FakeSiteverify() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/siteverify",
        exchange -> {
          try (exchange) {
            String form =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("(method)", exchange.getRequestMethod());
            fields.put("(content-type)", exchange.getRequestHeaders().getFirst("Content-Type"));
            for (String pair : form.split("&")) {
              int eq = pair.indexOf('=');
              fields.put(
                  URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            forms.add(fields);
            if (hang) {
              try {
                released.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            byte[] out = body;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, chunked ? 0 : out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
              os.write(out);
            } catch (IOException e) {
              // the client went away (oversized, timeout): expected
            }
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/siteverify");
  }

  FakeSiteverify answer(int newStatus, String json) {
    this.status = newStatus;
    this.body = json.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  FakeSiteverify answer(String json) {
    return answer(200, json);
  }

  FakeSiteverify answerBytes(byte[] bytes) {
    this.status = 200;
    this.body = bytes;
    return this;
  }

  /** Sends the answer chunked, without a Content-Length. */
  FakeSiteverify chunked() {
    this.chunked = true;
    return this;
  }

  /** Holds every answer until closed: past any timeout. */
  FakeSiteverify hang() {
    this.hang = true;
    return this;
  }

  List<Map<String, String>> forms() {
    return forms;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
