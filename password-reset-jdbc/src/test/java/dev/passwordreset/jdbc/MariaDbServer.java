package dev.passwordreset.jdbc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A real MariaDB server for the tests, started once per test JVM from Debian's {@code mariadbd}
 * (package {@code mariadb-server}, which {@code .ci/run} installs) the way {@code
 * shared/INFRA.md}'s recipe does: a fresh data directory, a free port on 127.0.0.1, the server's
 * default collation left at Debian's case- and accent-insensitive {@code utf8mb4_general_ci} (the
 * shipped scripts must not depend on it), a database {@code app} and a user {@code app}. Stopped by
 * a shutdown hook.
 *
 * <p>As a JUnit extension it is an execution condition: a class that uses it runs when the server
 * is up. When no server can be started (no {@code mariadbd} on the PATH, or it fails), the class is
 * skipped with a loud message on standard error, except under {@code CI=true}, where it runs and
 * fails with the reason: CI installs the server, so its absence there is a failure.
 */
final class MariaDbServer implements ExecutionCondition {

  private static final String[] SEARCH = {"/usr/sbin", "/usr/bin", "/usr/local/bin"};
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Started started = Holder.STARTED;
    if (started.dataSource != null) {
      return ConditionEvaluationResult.enabled("MariaDB " + started.version + " is running");
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return ConditionEvaluationResult.enabled(
          "CI=true: the MariaDB tests run and fail, since no server could be started: "
              + started.failure);
    }
    String message =
        "SKIPPED (no MariaDB server): "
            + context.getDisplayName()
            + " did not run, because "
            + started.failure
            + ". Install Debian's mariadb-server (apt-get install -y mariadb-server) to run them;"
            + " under CI=true this is a failure.";
    System.err.println("!!!!! " + message);
    return ConditionEvaluationResult.disabled(message);
  }

  /** The shared server's data source; fails, with the reason, when it could not be started. */
  static DataSource dataSource() {
    Started started = Holder.STARTED;
    if (started.dataSource == null) {
      throw new IllegalStateException("no MariaDB server could be started: " + started.failure);
    }
    return started.dataSource;
  }

  /** The shared server's address, {@code 127.0.0.1:port}, for another driver. */
  static String hostAndPort() {
    dataSource();
    return "127.0.0.1:" + Holder.STARTED.port;
  }

  private static final class Holder {
    static final Started STARTED = start();
  }

  private record Started(
      @Nullable DataSource dataSource, int port, String version, String failure) {}

  private static Started start() {
    Optional<Path> mariadbd = find("mariadbd");
    Optional<Path> installDb = find("mariadb-install-db");
    Optional<Path> client = find("mariadb");
    if (mariadbd.isEmpty() || installDb.isEmpty() || client.isEmpty()) {
      return new Started(
          null,
          0,
          "",
          "mariadbd, mariadb-install-db or mariadb is not on the PATH nor in /usr/sbin");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("password-reset-mariadb");
    } catch (IOException e) {
      return new Started(null, 0, "", "no temporary directory: " + e);
    }
    Path data = dir.resolve("data");
    Path socket = dir.resolve("sock");
    Path log = dir.resolve("server.log");
    Process server = null;
    try {
      run(
          dir,
          installDb.get().toString(),
          "--no-defaults",
          "--datadir=" + data,
          "--user=root",
          "--auth-root-authentication-method=normal",
          "--skip-test-db");
      int port = freePort();
      server =
          new ProcessBuilder(
                  mariadbd.get().toString(),
                  "--no-defaults",
                  "--datadir=" + data,
                  "--socket=" + socket,
                  "--port=" + port,
                  "--bind-address=127.0.0.1",
                  "--user=root",
                  "--skip-name-resolve",
                  "--pid-file=" + dir.resolve("mariadbd.pid"),
                  "--log-error=" + log,
                  "--character-set-server=utf8mb4",
                  "--collation-server=utf8mb4_general_ci",
                  "--innodb-buffer-pool-size=64M",
                  "--innodb-flush-log-at-trx-commit=2",
                  "--skip-log-bin")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      Process running = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running, dir), "mariadb-stop"));
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      String sql =
          "CREATE DATABASE IF NOT EXISTS app;"
              + " CREATE USER IF NOT EXISTS 'app'@'127.0.0.1' IDENTIFIED BY 'app';"
              + " GRANT ALL ON *.* TO 'app'@'127.0.0.1';";
      while (true) {
        if (!server.isAlive()) {
          return new Started(null, 0, "", "mariadbd exited at start; its log: " + tail(log));
        }
        try {
          run(
              dir,
              client.get().toString(),
              "--no-defaults",
              "-S",
              socket.toString(),
              "-u",
              "root",
              "-e",
              sql);
          break;
        } catch (IllegalStateException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "mariadbd did not answer within " + START_TIMEOUT + "; its log: " + tail(log));
          }
          Thread.sleep(200);
        }
      }
      MariaDbDataSource ds =
          new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + port + "/app?user=app&password=app");
      String version;
      try (Connection c = ds.getConnection()) {
        version = c.getMetaData().getDatabaseProductVersion();
      }
      return new Started(ds, port, version, "");
    } catch (IOException | SQLException | RuntimeException e) {
      if (server != null) {
        server.destroyForcibly();
      }
      return new Started(null, 0, "", "mariadbd could not be started: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Started(null, 0, "", "interrupted while starting mariadbd");
    }
  }

  private static Optional<Path> find(String program) {
    List<String> folders = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      folders.addAll(List.of(path.split(File.pathSeparator)));
    }
    folders.addAll(List.of(SEARCH));
    return folders.stream()
        .filter(f -> !f.isBlank())
        .map(f -> Path.of(f, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "command", ".log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command[0] + " did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          command[0]
              + " exited with "
              + p.exitValue()
              + ": "
              + Files.readString(out, StandardCharsets.UTF_8).strip());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void stop(Process server, Path dir) {
    server.destroy(); // SIGTERM: mariadbd shuts down cleanly
    try {
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory; the system cleans it eventually.
    }
  }
}
