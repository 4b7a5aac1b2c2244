/**
 * Verifiers for the password hashes of the platforms a host migrates from, one {@link
 * dev.passwordreset.api.LegacyPasswordVerifier} per platform family: {@link
 * dev.passwordreset.legacy.BcryptVerifier}, {@link dev.passwordreset.legacy.PhpassVerifier}, {@link
 * dev.passwordreset.legacy.WordPressVerifier}, {@link dev.passwordreset.legacy.DjangoVerifier},
 * {@link dev.passwordreset.legacy.SpringSecurityVerifier}, {@link
 * dev.passwordreset.legacy.SpringPbkdf2Verifier}, {@link dev.passwordreset.legacy.MagentoVerifier},
 * and {@link dev.passwordreset.legacy.RewrappedBcryptVerifier} for a bcrypt table re-wrapped
 * offline. Register them on the engine's builder ({@code legacyVerifier}); the engine replaces a
 * legacy hash at the customer's next successful login. All are immutable (apart from log-once
 * flags) and thread-safe, never log a password or a hash, never modify the caller's {@code char[]}
 * and wipe the bytes they make of it.
 */
package dev.passwordreset.legacy;
