package dev.passwordreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.ChangeOutcome;
import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.ManualEntryOutcome;
import dev.passwordreset.core.support.Fixture;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 11: no {@code String} (nor an uncleared {@code char[]}) of a password stays on the
 * heap after a manual entry, a login and a password change went through the engine with the default
 * policy (length, character, common-password and email rules), normalization and Argon2id hashing.
 * The passwords are random markers that exist only as {@code char[]}s the test clears; the heap is
 * then dumped with unreachable objects included, and searched for the markers as Latin-1 bytes (a
 * compact {@code String}) and as UTF-16 (a {@code String} or a {@code char[]}). A String of another
 * marker, kept reachable, shows the search finds what is there.
 */
class NoPasswordStringOnTheHeapTest {

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private static char[] marker(SecureRandom random, String prefix) {
    char[] m = new char[12];
    for (int i = 0; i < prefix.length(); i++) {
      m[i] = prefix.charAt(i);
    }
    for (int i = prefix.length(); i < m.length; i++) {
      m[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return m;
  }

  @Test
  void noCopyOfAPasswordIsLeftOnTheHeap(@TempDir Path dir) throws IOException {
    SecureRandom random = new SecureRandom();
    char[] first = marker(random, "Q7!");
    char[] second = marker(random, "Z9#");
    char[] controlChars = marker(random, "K5$");
    String control = new String(controlChars); // kept reachable until after the dump
    // Held masked until the dump is taken: the search patterns must not be on the heap themselves.
    char[] firstMasked = mask(first);
    char[] secondMasked = mask(second);
    char[] controlMasked = mask(controlChars);
    Arrays.fill(controlChars, '\0');

    try (Fixture fx = new Fixture()) {
      CustomerAccount ann = fx.customer("c1", "ann@example.com", "Old-Passw0rd!");
      AgentContext agent = AgentContext.of("agent-42");
      fx.rawEngine.updateSettings(fx.rawEngine.settings().withAllowManualEntry(true), agent);

      assertThat(fx.rawEngine.setPassword(ann.id(), given(first), false, agent))
          .isEqualTo(new ManualEntryOutcome.PasswordSet(null));
      assertThat(fx.rawEngine.checkLogin("ann@example.com", given(first), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
      assertThat(fx.rawEngine.changePassword(ann.id(), given(first), given(second), Fixture.CLIENT))
          .isInstanceOf(ChangeOutcome.Changed.class);
      assertThat(fx.rawEngine.checkLogin("ann@example.com", given(second), Fixture.CLIENT))
          .isInstanceOf(LoginCheck.Valid.class);
    }
    Arrays.fill(first, '\0');
    Arrays.fill(second, '\0');
    given.forEach(g -> Arrays.fill(g, '\0'));

    Path dump = dir.resolve("heap.hprof");
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpHeap(dump.toString(), false); // false: unreachable objects too
    byte[][] firstForms = forms(mask(firstMasked));
    byte[][] secondForms = forms(mask(secondMasked));
    byte[][] controlForms = forms(mask(controlMasked));
    try (FileChannel channel = FileChannel.open(dump, StandardOpenOption.READ)) {
      assertThat(found(channel, controlForms)).as("the control String is found").isTrue();
      assertThat(found(channel, firstForms)).as("a copy of the first password").isFalse();
      assertThat(found(channel, secondForms)).as("a copy of the second password").isFalse();
    } finally {
      Files.deleteIfExists(dump);
    }
    assertThat(control).hasSize(12);
  }

  private final java.util.List<char[]> given = new java.util.ArrayList<>();

  /** A copy for one call, cleared by the test afterwards (the caller's array is the caller's). */
  private char[] given(char[] password) {
    char[] copy = password.clone();
    given.add(copy);
    return copy;
  }

  private static char[] mask(char[] chars) {
    char[] out = new char[chars.length];
    for (int i = 0; i < chars.length; i++) {
      out[i] = (char) (chars[i] ^ 0x5A5A);
    }
    return out;
  }

  /** Latin-1 bytes and UTF-16 in both byte orders (a heap dump writes big-endian). */
  private static byte[][] forms(char[] marker) {
    byte[] latin1 = new byte[marker.length];
    byte[] be = new byte[marker.length * 2];
    byte[] le = new byte[marker.length * 2];
    for (int i = 0; i < marker.length; i++) {
      latin1[i] = (byte) marker[i];
      be[2 * i + 1] = (byte) marker[i];
      le[2 * i] = (byte) marker[i];
    }
    Arrays.fill(marker, '\0');
    return new byte[][] {latin1, be, le};
  }

  private static boolean found(FileChannel channel, byte[][] patterns) throws IOException {
    long size = channel.size();
    long chunk = 256L << 20;
    for (long at = 0; at < size; at += chunk - 64) {
      MappedByteBuffer map =
          channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(chunk, size - at));
      for (int pi = 0; pi < patterns.length; pi++) {
        if (contains(map, patterns[pi])) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(MappedByteBuffer map, byte[] p) {
    int limit = map.limit() - p.length;
    byte first = p[0];
    outer:
    for (int i = 0; i <= limit; i++) {
      if (map.get(i) != first) {
        continue;
      }
      for (int k = 1; k < p.length; k++) {
        if (map.get(i + k) != p[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
