package dev.passwordreset.core.policy;

import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code common-password}: the password, lower-cased code point by code point, must not be in
 * {@code common-passwords.txt} (shipped beside this class; see {@code
 * common-passwords-NOTICE.txt}). The list is read once, at the first check, into an immutable hash
 * set keyed by code points, so a candidate is looked up without ever becoming a {@code String}.
 */
final class CommonPasswordRule implements PasswordRule {
  static final String ID = "common-password";
  static final String RESOURCE = "common-passwords.txt";
  static final CommonPasswordRule INSTANCE = new CommonPasswordRule();

  private static final Object LOCK = new Object();
  private static volatile @Nullable Blocklist list;

  private CommonPasswordRule() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
    Blocklist common = list();
    // Longer than every listed password: cannot match, so no String is made of it.
    if (CodePoints.count(candidate) > common.longest) {
      return Optional.empty();
    }
    // Looked up by its lower-cased code points, never as a String (wiped afterwards).
    int[] lower = CodePoints.lowerCase(candidate);
    try {
      return common.passwords.contains(new Key(lower))
          ? Optional.of(
              new PolicyViolation(ID, Messages.format(context.locale(), ID + ".violation")))
          : Optional.empty();
    } finally {
      Arrays.fill(lower, 0);
    }
  }

  @Override
  public Optional<String> describe(Locale locale) {
    return Optional.of(Messages.format(locale, ID + ".description"));
  }

  @Override
  public String toString() {
    return ID;
  }

  /** The number of listed passwords; loads the list. */
  static int size() {
    return list().passwords.size();
  }

  private static Blocklist list() {
    @Nullable Blocklist loaded = list;
    if (loaded == null) {
      synchronized (LOCK) {
        loaded = list;
        if (loaded == null) {
          loaded = load();
          list = loaded;
        }
      }
    }
    return loaded;
  }

  private static Blocklist load() {
    Set<Key> passwords = new HashSet<>(65_536);
    int longest = 0;
    try (InputStream in = CommonPasswordRule.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new PasswordResetException("the common-password list " + RESOURCE + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty()) {
          int[] password = CodePoints.lowerCase(line);
          passwords.add(new Key(password));
          longest = Math.max(longest, password.length);
        }
      }
    } catch (IOException e) {
      throw new PasswordResetException("cannot read the common-password list " + RESOURCE, e);
    }
    return new Blocklist(Set.copyOf(passwords), longest);
  }

  /** The loaded list and the length, in code points, of its longest entry. */
  private record Blocklist(Set<Key> passwords, int longest) {}

  /**
   * Lower-cased code points as a hash key (by content). A candidate's key wraps an array the check
   * wipes; the set never keeps it.
   */
  private static final class Key {
    private final int[] codePoints;
    private final int hash;

    Key(int[] codePoints) {
      this.codePoints = codePoints;
      this.hash = Arrays.hashCode(codePoints);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && hash == k.hash && Arrays.equals(codePoints, k.codePoints);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Key[" + codePoints.length + " code points]"; // never the content
    }
  }
}
