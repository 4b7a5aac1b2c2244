package dev.passwordreset.benchmarks;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.throttle.ThrottleLimit;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark 3 as an attacker would see it: one engine, the four kinds of email ({@code
 * requestReset}) or the two kinds of failed login ({@code checkLogin}) asked in a random order
 * within one run, each call timed on its own. The engine keeps its default per-account limit (3 per
 * 15 minutes): known customers are many, so none reaches it; throttled ones used it up beforehand.
 * Run in a JVM of its own by {@link BenchmarkMain}; prints {@code # aux} lines.
 */
public final class InterleavedTiming {

  private InterleavedTiming() {}

  private static final String[] KINDS = {"known", "unknown", "disabled", "throttled"};

  /**
   * Runs one of the timings.
   *
   * @param args {@code requests <calls per kind>}, {@code logins <calls per kind>} or {@code codes
   *     <calls per kind>}
   * @throws Exception if it fails
   */
  public static void main(String[] args) throws Exception {
    int perKind = Integer.parseInt(args[1]);
    switch (args[0]) {
      case "requests" -> requests(perKind);
      case "logins" -> logins(perKind);
      case "codes" -> codes(perKind);
      default -> throw new IllegalArgumentException("unknown timing " + args[0]);
    }
  }

  private static void requests(int perKind) {
    int known = Math.max(1_000, perKind / 2); // at most 2 requests per known customer
    int small = 1_000;
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    String[][] emails = new String[4][];
    emails[0] = new String[known];
    emails[1] = new String[known];
    emails[2] = new String[small];
    emails[3] = new String[small];
    for (int i = 0; i < known; i++) {
      CustomerAccount a = Fixtures.customer(i, true);
      customers.add(a);
      emails[0][i] = a.email();
      emails[1][i] = "nobody" + i + "@shop.example";
    }
    for (int i = 0; i < small; i++) {
      CustomerAccount d = Fixtures.customer(known + i, false);
      CustomerAccount t = Fixtures.customer(known + small + i, true);
      customers.add(d);
      customers.add(t);
      emails[2][i] = d.email();
      emails[3][i] = t.email();
    }
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    Argon2PasswordHasher hasher = Argon2PasswordHasher.builder().memoryKiB(64).build();
    ThrottleLimit defaultAccountLimit = ThrottleLimit.of(3, Duration.ofMinutes(15));
    RequestContext context = RequestContext.of("203.0.113.7");
    long submitted = 0;
    try (PasswordResetEngine engine =
        Fixtures.engine(customers, hasher, recorder, defaultAccountLimit)) {
      for (String email : emails[3]) {
        for (int k = 0; k < 3; k++) {
          engine.requestReset(email, context);
          submitted++;
        }
      }
      recorder.awaitFinished(submitted);
      // Warm-up, untimed: every kind, the same mix.
      SplittableRandom random = new SplittableRandom(8);
      int[] next = new int[4];
      int warmup = Math.min(20_000, perKind);
      for (int i = 0; i < warmup * 4; i++) {
        int kind = random.nextInt(4);
        engine.requestReset(pick(emails, next, kind), context);
        submitted++;
        if (submitted % 20_000 == 0) {
          recorder.awaitFinished(submitted);
        }
      }
      recorder.awaitFinished(submitted);
      long[][] nanos = new long[4][perKind];
      int[] count = new int[4];
      int total = 0;
      while (total < perKind * 4) {
        int kind = random.nextInt(4);
        if (count[kind] == perKind) {
          continue;
        }
        String email = pick(emails, next, kind);
        long t0 = System.nanoTime();
        engine.requestReset(email, context);
        long t1 = System.nanoTime();
        nanos[kind][count[kind]++] = t1 - t0;
        total++;
        submitted++;
        if (submitted % 20_000 == 0) {
          recorder.awaitFinished(submitted); // the queue never overflows
        }
      }
      recorder.awaitFinished(submitted);
      report("requests", nanos, 1e3, "µs");
    }
  }

  private static String pick(String[][] emails, int[] next, int kind) {
    String[] pool = emails[kind];
    String e = pool[next[kind]];
    next[kind] = next[kind] + 1 == pool.length ? 0 : next[kind] + 1;
    return e;
  }

  /**
   * Failed logins of three kinds, interleaved: an account with the library's hash, an unknown
   * email, and an account still holding a legacy hash, Django's PBKDF2-SHA256 at 320 000 iterations
   * (about five Argon2id checks at the default parameters). The legacy verifier being slower must
   * not show (issue 14 item 2): the engine holds every answer to the slowest kind's learned cost.
   */
  private static void logins(int perKind) throws Exception {
    Argon2PasswordHasher hasher = new Argon2PasswordHasher();
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    CustomerAccount account = Fixtures.customer(1, true);
    customers.add(account, StoredPassword.of(hasher.hash(Fixtures.GOOD_PASSWORD)));
    CustomerAccount legacy = Fixtures.customer(2, true);
    customers.add(legacy, StoredPassword.of(djangoPbkdf2(Fixtures.GOOD_PASSWORD, 320_000)));
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    RequestContext context = RequestContext.of("203.0.113.7");
    char[] wrong = "Not-The-Right-0ne!".toCharArray();
    String[] emails = {account.email(), "nobody@shop.example", legacy.email()};
    int kinds = emails.length;
    try (PasswordResetEngine engine =
        Fixtures.engine(
            customers,
            hasher,
            recorder,
            Fixtures.UNREACHABLE,
            new dev.passwordreset.core.hash.Pbkdf2LegacyVerifier())) {
      SplittableRandom random = new SplittableRandom(8);
      for (int i = 0; i < 4 * kinds; i++) {
        engine.checkLogin(emails[i % kinds], wrong.clone(), context);
      }
      long[][] nanos = new long[kinds][perKind];
      int[] count = new int[kinds];
      int total = 0;
      while (total < perKind * kinds) {
        int kind = random.nextInt(kinds);
        if (count[kind] == perKind) {
          continue;
        }
        long t0 = System.nanoTime();
        LoginCheck check = engine.checkLogin(emails[kind], wrong.clone(), context);
        long t1 = System.nanoTime();
        if (!(check instanceof LoginCheck.Invalid)) {
          throw new IllegalStateException("expected Invalid, got " + check);
        }
        nanos[kind][count[kind]++] = t1 - t0;
        total++;
      }
      report("logins", nanos, 1e6, "ms");
    }
  }

  /**
   * Wrong reset codes of three kinds, interleaved (issue 19): an account with a live code, an email
   * without an account, and an account without a code. Each must cost the same, so that the time of
   * a wrong try tells nothing. Each account with a code takes at most 4 wrong tries (of its 5), so
   * every try of that kind meets a live code.
   */
  private static void codes(int perKind) {
    int withCode = (perKind + 3) / 4;
    InMemoryCustomerStore customers = new InMemoryCustomerStore();
    String[][] emails = new String[3][];
    emails[0] = new String[withCode];
    emails[1] = new String[withCode];
    emails[2] = new String[withCode];
    for (int i = 0; i < withCode; i++) {
      CustomerAccount a = Fixtures.customer(i, true);
      CustomerAccount b = Fixtures.customer(withCode + i, true);
      customers.add(a);
      customers.add(b);
      emails[0][i] = a.email();
      emails[1][i] = "nobody" + i + "@shop.example";
      emails[2][i] = b.email();
    }
    Fixtures.Recorder recorder = new Fixtures.Recorder();
    Argon2PasswordHasher hasher = Argon2PasswordHasher.builder().memoryKiB(64).build();
    RequestContext context = RequestContext.of("203.0.113.7");
    try (PasswordResetEngine engine =
        Fixtures.engine(customers, hasher, recorder, Fixtures.UNREACHABLE)) {
      long submitted = 0;
      for (String email : emails[0]) {
        engine.requestResetCode(email, context);
        submitted++;
        if (submitted % 20_000 == 0) {
          recorder.awaitFinished(submitted);
        }
      }
      recorder.awaitFinished(submitted);
      char[] password = "Never-Set-0nce!".toCharArray();
      SplittableRandom random = new SplittableRandom(19);
      // A wrong code of the right form.
      String wrong = "00000000";
      // Warm-up, untimed, on the accounts without a code (no code is used up).
      for (int i = 0; i < Math.min(20_000, perKind); i++) {
        int kind = 1 + random.nextInt(2);
        engine.completeResetWithCode(emails[kind][i % withCode], wrong, password.clone(), context);
      }
      long[][] nanos = new long[3][perKind];
      int[] count = new int[3];
      int total = 0;
      while (total < perKind * 3) {
        int kind = random.nextInt(3);
        if (count[kind] == perKind) {
          continue;
        }
        String email = emails[kind][count[kind] % withCode];
        // One chance in 10^8 that the sent code is the wrong one chosen: then another.
        String guess = wrong.equals(recorder.codes.get(email)) ? "11111111" : wrong;
        char[] typed = password.clone();
        long t0 = System.nanoTime();
        ResetOutcome outcome = engine.completeResetWithCode(email, guess, typed, context);
        long t1 = System.nanoTime();
        if (!(outcome instanceof ResetOutcome.InvalidCode)) {
          throw new IllegalStateException("expected InvalidCode, got " + outcome);
        }
        nanos[kind][count[kind]++] = t1 - t0;
        total++;
      }
      report("codes", nanos, 1e3, "µs");
    }
  }

  /** A Django {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>} of a password. */
  private static String djangoPbkdf2(char[] password, int iterations) throws Exception {
    String salt = "bEnChMaRkSaLt2026xyzAB";
    javax.crypto.spec.PBEKeySpec spec =
        new javax.crypto.spec.PBEKeySpec(
            password, salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), iterations, 256);
    byte[] key =
        javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
    return "pbkdf2_sha256$"
        + iterations
        + "$"
        + salt
        + "$"
        + java.util.Base64.getEncoder().encodeToString(key);
  }

  private static void report(String what, long[][] nanos, double scale, String unit) {
    String[] names =
        switch (what) {
          case "logins" -> new String[] {"wrongPassword", "unknownEmail", "legacyAccount"};
          case "codes" -> new String[] {"liveCode", "noAccount", "noCode"};
          default -> KINDS;
        };
    double[] p50 = new double[names.length];
    double[] p99 = new double[names.length];
    for (int k = 0; k < names.length; k++) {
      long[] v = nanos[k].clone();
      Arrays.sort(v);
      p50[k] = v[(int) Math.floor(0.50 * (v.length - 1))] / scale;
      p99[k] = v[(int) Math.floor(0.99 * (v.length - 1))] / scale;
      Aux.record("timing." + what + "." + names[k] + ".p50", p50[k], unit);
      Aux.record("timing." + what + "." + names[k] + ".p99", p99[k], unit);
      Aux.record("timing." + what + "." + names[k] + ".n", v.length, "samples");
    }
    for (int k = 1; k < names.length; k++) {
      Aux.record(
          "timing." + what + "." + names[k] + ".p50ratio", p50[k] / p50[0], "to " + names[0]);
      Aux.record(
          "timing." + what + "." + names[k] + ".p99ratio", p99[k] / p99[0], "to " + names[0]);
    }
  }
}
