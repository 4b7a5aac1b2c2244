/**
 * Password hashing: {@link dev.passwordreset.core.hash.Argon2PasswordHasher}, the default {@link
 * dev.passwordreset.api.PasswordHasher} (Argon2id, PHC strings, a bounded number of hashes at
 * once), and {@link dev.passwordreset.core.hash.Pbkdf2LegacyVerifier}, a {@link
 * dev.passwordreset.api.LegacyPasswordVerifier} for PBKDF2-HMAC-SHA256 hashes of the platform a
 * host migrates from.
 *
 * <p>Every class here is thread-safe, never keeps or logs a password, never modifies the caller's
 * {@code char[]} and wipes the intermediate byte arrays it creates.
 */
@NullMarked
package dev.passwordreset.core.hash;

import org.jspecify.annotations.NullMarked;
