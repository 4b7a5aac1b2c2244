package dev.passwordreset.legacy;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2 with the JDK's implementation; the password is encoded as UTF-8 by the JDK. */
final class Pbkdf2 {
  private Pbkdf2() {}

  static boolean matches(
      String algorithm, char[] password, byte[] salt, int iterations, byte[] expected) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, expected.length * 8);
    byte[] derived = null;
    try {
      derived = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
      return Codec.same(derived, expected);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    } finally {
      spec.clearPassword();
      Codec.wipe(derived);
    }
  }
}
