package dev.passwordreset.core;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.PasswordResetException;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Reset codes: made from {@link SecureRandom}, read back from what a customer typed, and stored
 * only as an HMAC-SHA-256 of the customer and the code, under a key the host configured or the
 * engine keeps in the settings store ({@link EngineDefaults#RESET_CODE_SECRET_NAME}). A copy of the
 * ticket table without the key reveals no code: there are only 10^length codes per customer, so an
 * unkeyed hash would be read back by trying them all. Thread-safe.
 */
final class ResetCodeHashes {
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] DOMAIN =
      "password-reset/reset-code/v1\0".getBytes(StandardCharsets.UTF_8);

  /** Longer input is no code anyone typed; refused before it is read. */
  private static final int MAX_TYPED_LENGTH = 64;

  private final byte @Nullable [] configured;
  private final SettingsStore store;
  private final SecureRandom random;
  private volatile @Nullable SecretKeySpec key;

  ResetCodeHashes(byte @Nullable [] configured, SettingsStore store, SecureRandom random) {
    this.configured = configured == null ? null : configured.clone();
    this.store = store;
    this.random = random;
  }

  /** A new code: {@code length} uniformly random decimal digits. */
  String newCode(int length) {
    char[] digits = new char[length];
    for (int i = 0; i < length; i++) {
      digits[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(digits);
  }

  /**
   * The digits a customer typed: spaces and dashes anywhere are ignored (codes are shown in
   * groups).
   *
   * @return the {@code length} digits, or null if the text is not that
   */
  static @Nullable String digits(String typed, int length) {
    if (typed.length() > MAX_TYPED_LENGTH) {
      return null;
    }
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c >= '0' && c <= '9') {
        if (out.length() == length) {
          return null;
        }
        out.append(c);
      } else if (c != ' ' && c != '-' && c != '\u00a0') {
        return null;
      }
    }
    return out.length() == length ? out.toString() : null;
  }

  /** The keyed hash a code of this customer is stored under. */
  TokenHash hash(CustomerId customer, String digits) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key());
      mac.update(DOMAIN);
      byte[] id = customer.value().getBytes(StandardCharsets.UTF_8);
      // The id's length first: no (id, code) pair is another's.
      mac.update(
          new byte[] {
            (byte) (id.length >>> 24),
            (byte) (id.length >>> 16),
            (byte) (id.length >>> 8),
            (byte) id.length
          });
      mac.update(id);
      mac.update(digits.getBytes(StandardCharsets.US_ASCII));
      return TokenHash.of(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /**
   * Makes sure the key can be had (configured, or kept in the settings store), so that a store
   * which cannot keep one fails the caller at once rather than a delivery thread later.
   *
   * @throws PasswordResetException if there is no key and the settings store keeps no secrets
   */
  void requireKey() {
    key();
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      synchronized (this) {
        k = key;
        if (k == null) {
          byte[] bytes = configured != null ? configured.clone() : stored();
          k = new SecretKeySpec(bytes, ALGORITHM);
          Arrays.fill(bytes, (byte) 0);
          key = k;
        }
      }
    }
    return k;
  }

  private byte[] stored() {
    try {
      return store.secret(
          EngineDefaults.RESET_CODE_SECRET_NAME,
          () -> {
            byte[] fresh = new byte[EngineDefaults.RESET_CODE_SECRET_MIN_BYTES];
            random.nextBytes(fresh);
            return fresh;
          });
    } catch (UnsupportedOperationException e) {
      throw new PasswordResetException(
          "Reset by code needs the key its codes are hashed under: configure one"
              + " (resetCodeSecret, password-reset.code.secret) or use a settings store that keeps"
              + " secrets ("
              + store.getClass().getName()
              + " does not)",
          e);
    }
  }
}
