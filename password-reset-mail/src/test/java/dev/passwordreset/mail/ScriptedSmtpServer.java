package dev.passwordreset.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A tiny SMTP server on a loopback port that answers what a test tells it to: a greeting, replies
 * per command, STARTTLS or implicit TLS, silence. GreenMail cannot refuse a message or speak
 * STARTTLS; this can. It records the commands it received, one connection at a time.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket server;
  private final Thread thread;
  private final String greeting;
  private final Map<String, String> replies;
  private final List<String> extensions;
  private final boolean silent;
  private final boolean hangUpAfterData;
  private final @Nullable SSLContext startTls;
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private ScriptedSmtpServer(Builder b) throws IOException {
    this.greeting = b.greeting;
    this.replies = Map.copyOf(b.replies);
    this.extensions = List.copyOf(b.extensions);
    this.silent = b.silent;
    this.hangUpAfterData = b.hangUpAfterData;
    this.startTls = b.startTls;
    ServerSocket socket =
        b.implicitTls != null
            ? b.implicitTls.getServerSocketFactory().createServerSocket()
            : new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.server = socket;
    this.thread = new Thread(this::serve, "scripted-smtp-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  static Builder builder() {
    return new Builder();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Command lines received, in order; those received over TLS are prefixed with {@code [tls] }. */
  List<String> commands() {
    return List.copyOf(commands);
  }

  /** Message contents received after DATA. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  /** A port on which nothing listens: a server that is down. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** An SSL context holding the key of a test keystore under {@code tls/}. */
  static SSLContext serverContext(String keystore) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keystore), "changeit".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client socket factory that trusts the certificates of the given test keystores. */
  static SSLSocketFactory trusting(String... keystores) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (String name : keystores) {
        KeyStore ks = load(name);
        trust.setCertificateEntry(name, ks.getCertificate("smtp"));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = ScriptedSmtpServer.class.getResourceAsStream("tls/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test keystore tls/" + name);
      }
      ks.load(in, "changeit".toCharArray());
    }
    return ks;
  }

  private void serve() {
    while (!closed) {
      try (Socket socket = server.accept()) {
        open.add(socket);
        socket.setSoTimeout(20_000);
        if (socket instanceof SSLSocket ssl) {
          ssl.startHandshake();
        }
        converse(socket, socket instanceof SSLSocket, true);
      } catch (IOException | RuntimeException e) {
        // The client went away, or the server is closing: wait for the next connection.
      }
    }
  }

  private void converse(Socket socket, boolean tls, boolean greet) throws IOException {
    if (silent) {
      // Accept and never answer, until the client gives up or the test ends.
      socket.getInputStream().read();
      return;
    }
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    if (greet) {
      reply(out, greeting);
      if (!greeting.startsWith("2")) {
        readLine(in); // usually QUIT
        return;
      }
    }
    String line;
    while ((line = readLine(in)) != null) {
      commands.add((tls ? "[tls] " : "") + line);
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO" -> {
          List<String> lines = new ArrayList<>();
          lines.add("scripted.test");
          lines.addAll(extensions);
          if (startTls != null && !tls) {
            lines.add("STARTTLS");
          }
          StringBuilder r = new StringBuilder();
          for (int i = 0; i < lines.size(); i++) {
            r.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
            if (i < lines.size() - 1) {
              r.append("\r\n");
            }
          }
          reply(out, r.toString());
        }
        case "HELO" -> reply(out, "250 scripted.test");
        case "STARTTLS" -> {
          if (startTls == null || tls) {
            reply(out, "502 no");
          } else {
            reply(out, "220 go ahead");
            SSLSocket ssl =
                (SSLSocket)
                    startTls
                        .getSocketFactory()
                        .createSocket(
                            socket,
                            socket.getInetAddress().getHostAddress(),
                            socket.getPort(),
                            true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            open.add(ssl);
            converse(ssl, true, false); // no second greeting after STARTTLS
            return;
          }
        }
        case "AUTH" -> {
          if (line.trim().split(" ").length == 2) {
            reply(out, "334 ");
            readLine(in); // the credentials: not recorded
          }
          commands.set(commands.size() - 1, (tls ? "[tls] " : "") + "AUTH <hidden>");
          reply(out, replies.getOrDefault("AUTH", "235 ok"));
        }
        case "MAIL" -> reply(out, replies.getOrDefault("MAIL", "250 ok"));
        case "RCPT" -> reply(out, replies.getOrDefault("RCPT", "250 ok"));
        case "DATA" -> {
          String dataReply = replies.getOrDefault("DATA", "354 go ahead");
          reply(out, dataReply);
          if (dataReply.startsWith("354")) {
            StringBuilder message = new StringBuilder();
            String l;
            while ((l = readLine(in)) != null && !l.equals(".")) {
              message.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
            }
            messages.add(message.toString());
            reply(out, replies.getOrDefault("END", "250 queued"));
            if (hangUpAfterData) {
              return;
            }
          }
        }
        case "RSET", "NOOP" -> reply(out, "250 ok");
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        default -> reply(out, "500 unknown command");
      }
    }
  }

  private static void reply(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one CRLF-terminated line byte by byte, so nothing is buffered past a STARTTLS. */
  private static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      line.write(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      try {
        s.close();
      } catch (SocketException ignored) {
        // already closed
      }
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Builder {
    private String greeting = "220 scripted.test ESMTP";
    private final Map<String, String> replies = new HashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private boolean silent;
    private boolean hangUpAfterData;
    private @Nullable SSLContext startTls;
    private @Nullable SSLContext implicitTls;

    Builder greeting(String greeting) {
      this.greeting = greeting;
      return this;
    }

    /** The reply to a verb: MAIL, RCPT, DATA, END (the final dot), AUTH. */
    Builder reply(String verb, String reply) {
      replies.put(verb, reply);
      return this;
    }

    Builder extension(String extension) {
      extensions.add(extension);
      return this;
    }

    Builder silent() {
      this.silent = true;
      return this;
    }

    Builder hangUpAfterData() {
      this.hangUpAfterData = true;
      return this;
    }

    Builder startTls(SSLContext context) {
      this.startTls = context;
      return this;
    }

    Builder implicitTls(SSLContext context) {
      this.implicitTls = context;
      return this;
    }

    ScriptedSmtpServer start() throws IOException {
      return new ScriptedSmtpServer(this);
    }
  }
}
