package dev.passwordreset.core.policy;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyDescription;
import dev.passwordreset.api.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link PasswordPolicy} made of {@link PasswordRule}s, each explaining itself in the customer's
 * language (English and French are shipped; every other language gets English).
 *
 * <p>Three ways to get one:
 *
 * <ul>
 *   <li>{@link #defaults()}: the rules of the platforms this library replaces: 8 to 128 characters,
 *       at least one capital letter, one digit and one special character, not containing the
 *       email's local part, not a common password.
 *   <li>{@link #nist()}: NIST SP 800-63B and OWASP ASVS: 12 to 128 characters, not containing the
 *       email's local part, not a common password, and no composition rules.
 *   <li>{@link #builder()}: choose the rules, and add the host's own with {@link
 *       Builder#rule(PasswordRule)}; {@link #toBuilder()} starts from an existing policy.
 * </ul>
 *
 * <p>Built-in rule ids, stable across releases: {@code min-length}, {@code max-length}, {@code
 * uppercase}, {@code lowercase}, {@code digit}, {@code special}, {@code email-local-part}, {@code
 * common-password}. Lengths count code points, so an emoji or a letter outside the Basic
 * Multilingual Plane is one character, and an unpaired surrogate counts as one.
 *
 * <p>{@link #check} returns every broken rule, in the order of {@link #describe}: lengths, the
 * character kinds, the email, the blocklist, then the host's rules in the order they were added. It
 * never throws for any candidate, never modifies, keeps or logs it; only the common-password rule
 * makes a {@code String} of it (local to the check, and only when the candidate is no longer than
 * the longest listed password).
 *
 * <p>Immutable and thread-safe (as long as the host's rules are).
 */
public final class RuleBasedPasswordPolicy implements PasswordPolicy {

  /** The largest maximum length a policy may set. */
  public static final int MAX_LENGTH_LIMIT = 1024;

  private final int minLength;
  private final int maxLength;
  private final boolean uppercase;
  private final boolean lowercase;
  private final boolean digit;
  private final boolean special;
  private final boolean emailLocalPart;
  private final boolean commonPasswords;
  private final List<PasswordRule> customRules;
  private final List<PasswordRule> rules;

  private RuleBasedPasswordPolicy(Builder b) {
    this.minLength = b.minLength;
    this.maxLength = b.maxLength;
    this.uppercase = b.uppercase;
    this.lowercase = b.lowercase;
    this.digit = b.digit;
    this.special = b.special;
    this.emailLocalPart = b.emailLocalPart;
    this.commonPasswords = b.commonPasswords;
    this.customRules = List.copyOf(b.customRules);
    List<PasswordRule> all = new ArrayList<>();
    all.add(LengthRule.min(minLength));
    all.add(LengthRule.max(maxLength));
    if (uppercase) {
      all.add(CharacterRule.UPPERCASE);
    }
    if (lowercase) {
      all.add(CharacterRule.LOWERCASE);
    }
    if (digit) {
      all.add(CharacterRule.DIGIT);
    }
    if (special) {
      all.add(CharacterRule.SPECIAL);
    }
    if (emailLocalPart) {
      all.add(EmailLocalPartRule.INSTANCE);
    }
    if (commonPasswords) {
      all.add(CommonPasswordRule.INSTANCE);
    }
    all.addAll(customRules);
    this.rules = List.copyOf(all);
  }

  /** The shortest password of {@link #defaults()} and of a new builder: 8. */
  public static final int DEFAULT_MIN_LENGTH = 8;

  /** The longest password of every preset and of a new builder, in code points: 128. */
  public static final int DEFAULT_MAX_LENGTH = 128;

  /** The shortest password of {@link #nist()}: 12, as NIST SP 800-63B advises. */
  public static final int NIST_MIN_LENGTH = 12;

  /**
   * The platform defaults, as on the platforms this library replaces: length 8 to 128, at least one
   * capital letter, one digit and one special character, not containing the email's local part, not
   * a common password. NIST SP 800-63B and OWASP ASVS advise against the composition rules; see
   * {@link #nist()}.
   *
   * @return the policy
   */
  public static RuleBasedPasswordPolicy defaults() {
    return builder()
        .requireUppercase(true)
        .requireDigit(true)
        .requireSpecial(true)
        .forbidEmailLocalPart(true)
        .forbidCommonPasswords(true)
        .build();
  }

  /**
   * The NIST SP 800-63B / OWASP ASVS preset: length 12 to 128, not containing the email's local
   * part, not a common password, and no composition rules. A breached-password check, which both
   * recommend, can be added with {@code nist().toBuilder().rule(...)}.
   *
   * @return the policy
   */
  public static RuleBasedPasswordPolicy nist() {
    return builder()
        .minLength(NIST_MIN_LENGTH)
        .forbidEmailLocalPart(true)
        .forbidCommonPasswords(true)
        .build();
  }

  /**
   * Starts a builder with only the length rules, 8 to 128; every other rule is off until turned on.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this policy's rules, to derive a variant, e.g. {@code
   * defaults().toBuilder().requireSpecial(false).build()}.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.minLength = minLength;
    b.maxLength = maxLength;
    b.uppercase = uppercase;
    b.lowercase = lowercase;
    b.digit = digit;
    b.special = special;
    b.emailLocalPart = emailLocalPart;
    b.commonPasswords = commonPasswords;
    b.customRules.addAll(customRules);
    return b;
  }

  /**
   * Checks a candidate against every rule.
   *
   * @param candidate the password, NFKC-normalized by the engine; any length or content; not
   *     modified, kept or logged
   * @param context the email (for the email rule, may be null) and the language of the messages
   * @return every broken rule with a message that tells how to fix it; empty if acceptable
   * @throws NullPointerException if an argument is null
   */
  @Override
  public List<PolicyViolation> check(char[] candidate, PolicyContext context) {
    Objects.requireNonNull(candidate, "candidate must not be null");
    Objects.requireNonNull(context, "context must not be null");
    List<PolicyViolation> violations = new ArrayList<>();
    for (PasswordRule rule : rules) {
      rule.check(candidate, context).ifPresent(violations::add);
    }
    return List.copyOf(violations);
  }

  /**
   * Describes the policy up front: the length bounds and one sentence a rule.
   *
   * @param locale the language; an unsupported one gets English
   * @return the description
   * @throws NullPointerException if {@code locale} is null
   */
  @Override
  public PolicyDescription describe(Locale locale) {
    Objects.requireNonNull(locale, "locale must not be null");
    List<String> requirements = new ArrayList<>();
    for (PasswordRule rule : rules) {
      rule.describe(locale).ifPresent(requirements::add);
    }
    return new PolicyDescription(locale, minLength, maxLength, requirements);
  }

  /**
   * The smallest accepted length.
   *
   * @return code points
   */
  public int minLength() {
    return minLength;
  }

  /**
   * The largest accepted length.
   *
   * @return code points
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * The rules, built-in then the host's, in the order they are checked.
   *
   * @return an immutable list
   */
  public List<PasswordRule> rules() {
    return rules;
  }

  /**
   * The rule ids, for diagnostics.
   *
   * @return e.g. {@code RuleBasedPasswordPolicy[min-length=8, max-length=128, uppercase, ...]}
   */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (PasswordRule rule : rules) {
      names.add(rule instanceof LengthRule ? rule.toString() : rule.id());
    }
    return "RuleBasedPasswordPolicy" + names;
  }

  /**
   * Builds a {@link RuleBasedPasswordPolicy}. Starts with length 8 to 128 and no other rule. Each
   * setter validates its argument at once; {@link #build()} checks the combination. Not
   * thread-safe; the policy it builds is.
   */
  public static final class Builder {
    private int minLength = DEFAULT_MIN_LENGTH;
    private int maxLength = DEFAULT_MAX_LENGTH;
    private boolean uppercase;
    private boolean lowercase;
    private boolean digit;
    private boolean special;
    private boolean emailLocalPart;
    private boolean commonPasswords;
    private final List<PasswordRule> customRules = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the smallest accepted length.
     *
     * @param minLength code points, from 1 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder minLength(int minLength) {
      this.minLength = inRange("minLength", minLength);
      return this;
    }

    /**
     * Sets the largest accepted length. Hashing cost grows with it; the engine bounds passwords too
     * (default 128).
     *
     * @param maxLength code points, from 1 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxLength(int maxLength) {
      this.maxLength = inRange("maxLength", maxLength);
      return this;
    }

    /**
     * Requires a capital letter (rule {@code uppercase}); any upper-case letter counts, also É.
     *
     * @param required whether to require one
     * @return this builder
     */
    public Builder requireUppercase(boolean required) {
      this.uppercase = required;
      return this;
    }

    /**
     * Requires a lower-case letter (rule {@code lowercase}).
     *
     * @param required whether to require one
     * @return this builder
     */
    public Builder requireLowercase(boolean required) {
      this.lowercase = required;
      return this;
    }

    /**
     * Requires a digit (rule {@code digit}).
     *
     * @param required whether to require one
     * @return this builder
     */
    public Builder requireDigit(boolean required) {
      this.digit = required;
      return this;
    }

    /**
     * Requires a special character (rule {@code special}): anything typed that is neither a letter
     * nor a digit, such as punctuation, symbols, emoji or a space.
     *
     * @param required whether to require one
     * @return this builder
     */
    public Builder requireSpecial(boolean required) {
      this.special = required;
      return this;
    }

    /**
     * Forbids the email's local part (rule {@code email-local-part}): the part before the
     * {@code @}, and before a {@code +} tag, ignoring case, when it has at least 3 characters.
     *
     * @param forbidden whether to forbid it
     * @return this builder
     */
    public Builder forbidEmailLocalPart(boolean forbidden) {
      this.emailLocalPart = forbidden;
      return this;
    }

    /**
     * Forbids common passwords (rule {@code common-password}), ignoring case, from the list shipped
     * in the jar (about 29,000 entries).
     *
     * @param forbidden whether to forbid them
     * @return this builder
     */
    public Builder forbidCommonPasswords(boolean forbidden) {
      this.commonPasswords = forbidden;
      return this;
    }

    /**
     * Adds a host rule, checked after the built-in ones, in the order added.
     *
     * @param rule the rule; its id must be non-blank and unique within the policy
     * @return this builder
     * @throws NullPointerException if {@code rule} or its id is null
     * @throws IllegalArgumentException if its id is blank or already used
     */
    public Builder rule(PasswordRule rule) {
      Objects.requireNonNull(rule, "rule must not be null");
      String id = Objects.requireNonNull(rule.id(), "rule.id() must not be null");
      if (id.isBlank()) {
        throw new IllegalArgumentException("rule.id() must not be blank");
      }
      if (BUILT_IN.contains(id)) {
        throw new IllegalArgumentException(
            "rule id '" + id + "' is reserved for a built-in rule; choose another");
      }
      for (PasswordRule existing : customRules) {
        if (existing.id().equals(id)) {
          throw new IllegalArgumentException("rule id '" + id + "' is already used");
        }
      }
      customRules.add(rule);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return a new, immutable policy
     * @throws IllegalArgumentException if minLength is greater than maxLength
     */
    public RuleBasedPasswordPolicy build() {
      if (minLength > maxLength) {
        throw new InvalidSettingException(
            "minLength", minLength, "must not be greater than maxLength (" + maxLength + ")");
      }
      return new RuleBasedPasswordPolicy(this);
    }

    private static final Set<String> BUILT_IN =
        Set.of(
            LengthRule.MIN,
            LengthRule.MAX,
            "uppercase",
            "lowercase",
            "digit",
            "special",
            EmailLocalPartRule.ID,
            CommonPasswordRule.ID);

    private static int inRange(String name, int value) {
      if (value < 1 || value > MAX_LENGTH_LIMIT) {
        throw new InvalidSettingException(name, value, "must be between 1 and " + MAX_LENGTH_LIMIT);
      }
      return value;
    }
  }
}
