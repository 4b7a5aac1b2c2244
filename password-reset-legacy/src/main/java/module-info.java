import org.jspecify.annotations.NullMarked;

/**
 * Verifiers for the password hashes of the platforms a host migrates from: bcrypt, phpass,
 * WordPress 6.8+, Django, Spring Security and Magento 2. Each is a {@link
 * dev.passwordreset.api.LegacyPasswordVerifier} to register on the engine's builder; the engine
 * replaces a legacy hash with its own at the customer's next successful login. The primitives
 * (bcrypt, scrypt, Argon2) are BouncyCastle's; the parsing of the stored strings is this module's.
 */
@NullMarked
module dev.passwordreset.legacy {
  requires transitive dev.passwordreset.api;
  requires dev.passwordreset.core;
  requires static transitive org.jspecify;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports dev.passwordreset.legacy;
}
