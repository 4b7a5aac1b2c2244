package dev.passwordreset.core;

import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.core.internal.Tokens;

/**
 * A made-up legacy format, {@code {sha256}<hex>} of the password as the old platform stored it (not
 * normalized), so a test can store any legacy password it likes.
 */
final class LegacyHashes {
  private LegacyHashes() {}

  static final LegacyPasswordVerifier SHA256 =
      new LegacyPasswordVerifier() {
        @Override
        public boolean supports(String encoded) {
          return encoded.startsWith("{sha256}");
        }

        @Override
        public boolean verify(char[] password, String encoded) {
          return encoded.equals(sha256(new String(password)));
        }
      };

  static String sha256(String password) {
    return "{sha256}" + Tokens.sha256Hex(password);
  }
}
