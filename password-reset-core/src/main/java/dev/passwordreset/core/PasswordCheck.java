package dev.passwordreset.core;

import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks a candidate password, the same way on every path that takes one: the raw length first (in
 * {@code char}s, before any copy), then NFKC normalization, then the bound in code points, then the
 * policy, then the caller's rejection event. Immutable; thread-safe.
 */
final class PasswordCheck {
  /**
   * How many {@code char}s a code point of the bound may take as typed: 2 for a surrogate pair, and
   * room for decomposed input that NFKC composes again (a letter with two combining marks).
   */
  static final int RAW_CHARS_PER_CODE_POINT = 4;

  private final PasswordPolicy policy;
  private final int maxLength;

  PasswordCheck(PasswordPolicy policy, int maxLength) {
    this.policy = policy;
    this.maxLength = maxLength;
  }

  /**
   * The normalized copy of a password within the length bound, for a login; the caller clears it.
   *
   * @return the copy, or null if the password is too long (then nothing was copied)
   */
  char @Nullable [] normalizeWithinBound(char[] raw) {
    if (raw.length > maxLength * RAW_CHARS_PER_CODE_POINT) {
      return null;
    }
    char[] normalized = Passwords.normalize(raw);
    if (Passwords.length(normalized) > maxLength) {
      Passwords.clear(normalized);
      return null;
    }
    return normalized;
  }

  /**
   * Checks a new password.
   *
   * @param raw the password as typed (not cleared here)
   * @param context what the policy may know
   * @param mustDiffer the normalized current password, which the new one must not repeat, or null
   * @param rejected emits the caller's rejection event
   * @return the candidate; close it to clear its normalized copy
   */
  Candidate check(
      char[] raw,
      PolicyContext context,
      char @Nullable [] mustDiffer,
      Consumer<List<PolicyViolation>> rejected) {
    char[] normalized = normalizeWithinBound(raw);
    if (normalized == null) {
      return Candidate.rejected(
          List.of(EngineMessages.tooLong(context.locale(), maxLength)), true, rejected);
    }
    List<PolicyViolation> violations = policy.check(normalized, context);
    if (mustDiffer != null && Arrays.equals(mustDiffer, normalized)) {
      violations = new ArrayList<>(violations);
      violations.add(EngineMessages.sameAsCurrent(context.locale()));
    }
    if (!violations.isEmpty()) {
      Passwords.clear(normalized);
      return Candidate.rejected(List.copyOf(violations), false, rejected);
    }
    return new Candidate(normalized, List.of(), false);
  }

  /** A checked password: accepted with its normalized copy, or rejected with the reasons. */
  static final class Candidate implements AutoCloseable {
    private final char @Nullable [] normalized;
    private final List<PolicyViolation> violations;
    private final boolean overLong;

    private Candidate(
        char @Nullable [] normalized, List<PolicyViolation> violations, boolean overLong) {
      this.normalized = normalized;
      this.violations = violations;
      this.overLong = overLong;
    }

    private static Candidate rejected(
        List<PolicyViolation> violations,
        boolean overLong,
        Consumer<List<PolicyViolation>> rejected) {
      rejected.accept(violations);
      return new Candidate(null, violations, overLong);
    }

    /**
     * Whether it was refused for its length alone, before the policy saw it: input no one types
     * (the caller may count it as bad input).
     */
    boolean overLong() {
      return overLong;
    }

    boolean accepted() {
      return normalized != null;
    }

    /** The normalized password; only for an accepted candidate. */
    char[] normalized() {
      if (normalized == null) {
        throw new IllegalStateException("a rejected password has no normalized form");
      }
      return normalized;
    }

    List<PolicyViolation> violations() {
      return violations;
    }

    /** Clears the normalized copy. */
    @Override
    public void close() {
      Passwords.clear(normalized);
    }
  }
}
