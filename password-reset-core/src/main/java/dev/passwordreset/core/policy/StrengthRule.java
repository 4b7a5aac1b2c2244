package dev.passwordreset.core.policy;

import dev.passwordreset.api.InvalidSettingException;
import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.jspecify.annotations.Nullable;

/**
 * {@code strength}: a zxcvbn-style estimate of how many guesses the password would take, on <a
 * href="https://github.com/GoSimpleLLC/nbvcxz">nbvcxz</a>, which ships its own dictionaries (common
 * passwords, English words, names, surnames) and also scores keyboard patterns, sequences, repeats,
 * dates and leet substitutions. The customer's own email local part and name count as dictionary
 * words, so {@code JaneDoe2024!} is weak for Jane Doe. A password whose estimated entropy is below
 * the minimum breaks the rule; the message says why in the customer's language when the estimator
 * names a pattern.
 *
 * <p><b>Optional dependency.</b> {@code me.gosimple:nbvcxz} is an optional dependency of core: add
 * it to your build to use this rule. Nothing else in core refers to this class, so a host without
 * nbvcxz never loads it.
 *
 * <pre>{@code
 * RuleBasedPasswordPolicy.nist().toBuilder().rule(StrengthRule.defaults()).build();
 * }</pre>
 *
 * <p><b>Cost, bounded.</b> The estimator (nbvcxz's dictionaries, keyboard graphs and tables, about
 * a second to build) is built once per rule instance, at its first check; each check only adds the
 * customer's own words as a small dictionary beside it. Only a prefix of the password is evaluated,
 * {@link #evaluatedCodePoints()} code points long: a quarter of the minimum in bits, at least
 * {@value #MIN_EVALUATED_CODE_POINTS} and at most {@value #MAX_EVALUATED_CODE_POINTS}, so 32 for
 * the default minimum. Why: nbvcxz's cost grows much faster than the length (measured on this
 * project's 2-core machine: about 10 to 60 ms for 32 code points, 70 to 170 ms for 40, and from 48
 * on its combination step runs into its own 500 ms timeout, so a rejected 128-character password
 * cost half a second after the estimator was built, 1.3 to 3.4 s before); 32 code points keep a
 * four-word passphrase whole; and at 4 bits per code point (less than lower-case letters alone
 * give) a prefix of that length can always reach the minimum, up to the highest one accepted (256
 * bits: 64 code points). The cap only ever makes the rule stricter: a password whose evaluated
 * prefix is guessable is refused even if a long tail follows, which the customer fixes by starting
 * differently. At most {@link #maxConcurrentEstimates()} estimates run at once on one rule (half
 * the processors, at least one; the others wait in order, like hashes in {@code
 * Argon2PasswordHasher}), so a flood of long passwords, rejected or not, cannot take every core.
 *
 * <p><b>A String of the password.</b> nbvcxz takes a {@code String}, so this rule makes one of the
 * evaluated prefix (local to the check, unreachable afterwards, never logged): it is the one place
 * on the library's paths that does, and only when a host adds this optional rule; SECURITY.md says
 * so. Immutable and thread-safe.
 */
public final class StrengthRule implements PasswordRule {

  /** The rule's id. */
  public static final String ID = "strength";

  /** The default minimum: nbvcxz's own, 35 bits (about 34 billion guesses). */
  public static final double DEFAULT_MINIMUM_ENTROPY = 35.0;

  /** The name of the dictionary of the customer's own words. */
  private static final String PERSONAL = "personal";

  /** Longer names or email local parts are not added to the dictionary. */
  private static final int MAX_PERSONAL_WORD = 64;

  /** How many code points of a password are evaluated at most, whatever the minimum. */
  public static final int MAX_EVALUATED_CODE_POINTS = 64;

  /** How many code points of a password are evaluated at least (see the class comment). */
  public static final int MIN_EVALUATED_CODE_POINTS = 32;

  /** How many estimators were built, in this JVM: a test's seam. */
  static final java.util.concurrent.atomic.AtomicInteger ESTIMATORS_BUILT =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Sees the text handed to nbvcxz (inside the concurrency bound): a test's seam. */
  static volatile java.util.function.@Nullable Consumer<String> evaluated;

  private final double minimumEntropy;
  private final int maxConcurrentEstimates;
  private final int evaluatedCodePoints;
  private final java.util.concurrent.Semaphore permits;
  private final Object buildLock = new Object();
  private volatile @Nullable Nbvcxz base;

  private StrengthRule(double minimumEntropy) {
    this(minimumEntropy, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  StrengthRule(double minimumEntropy, int maxConcurrentEstimates) {
    this.minimumEntropy = minimumEntropy;
    this.maxConcurrentEstimates = maxConcurrentEstimates;
    this.evaluatedCodePoints =
        (int)
            Math.min(
                MAX_EVALUATED_CODE_POINTS,
                Math.max(MIN_EVALUATED_CODE_POINTS, Math.ceil(minimumEntropy / 4)));
    this.permits = new java.util.concurrent.Semaphore(maxConcurrentEstimates, true);
  }

  /**
   * A rule with the default minimum of {@value #DEFAULT_MINIMUM_ENTROPY} bits.
   *
   * @return the rule
   */
  public static StrengthRule defaults() {
    return new StrengthRule(DEFAULT_MINIMUM_ENTROPY);
  }

  /**
   * A rule with the given minimum.
   *
   * @param bits the smallest accepted estimated entropy, in bits, from 10 to 256
   * @return the rule
   * @throws IllegalArgumentException if out of range (or not a number)
   */
  public static StrengthRule minimumEntropy(double bits) {
    if (!(bits >= 10 && bits <= 256)) {
      throw new InvalidSettingException("minimumEntropy", bits, "must be between 10 and 256 bits");
    }
    return new StrengthRule(bits);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Estimates the candidate's strength.
   *
   * @param candidate the password; not modified, kept or logged; an empty one is left to the length
   *     rule
   * @param context the customer's email and name (their words count as guessable) and the language
   *     of the message
   * @return a violation if the estimated entropy is below the minimum, else empty
   */
  @Override
  public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
    if (candidate.length == 0) {
      return Optional.empty();
    }
    Result result = estimate(candidate, context);
    if (result.getEntropy() >= minimumEntropy) {
      return Optional.empty();
    }
    String message = Messages.format(context.locale(), ID + ".violation");
    String hint = hint(result, context.locale());
    return Optional.of(new PolicyViolation(ID, hint == null ? message : hint + " " + message));
  }

  @Override
  public Optional<String> describe(Locale locale) {
    return Optional.of(Messages.format(locale, ID + ".description"));
  }

  /**
   * The minimum.
   *
   * @return bits of estimated entropy
   */
  public double minimumEntropy() {
    return minimumEntropy;
  }

  @Override
  public String toString() {
    return ID + "(" + minimumEntropy + " bits)";
  }

  /**
   * How many estimates may run at once on this rule; the others wait.
   *
   * @return half the processors, at least 1
   */
  public int maxConcurrentEstimates() {
    return maxConcurrentEstimates;
  }

  /** How many checks wait for a free slot now: a test's seam. */
  int waiting() {
    return permits.getQueueLength();
  }

  /**
   * How many code points of a password this rule evaluates: a quarter of the minimum in bits, at
   * least {@value #MIN_EVALUATED_CODE_POINTS}, at most {@value #MAX_EVALUATED_CODE_POINTS}.
   *
   * @return the length of the evaluated prefix, in code points
   */
  public int evaluatedCodePoints() {
    return evaluatedCodePoints;
  }

  /** Estimates the first {@link #evaluatedCodePoints()} code points, within the bound. */
  private Result estimate(char[] candidate, PolicyContext context) {
    int end =
        candidate.length <= evaluatedCodePoints
            ? candidate.length
            : Math.min(
                candidate.length,
                Character.offsetByCodePoints(
                    candidate,
                    0,
                    candidate.length,
                    0,
                    Math.min(evaluatedCodePoints, CodePoints.count(candidate))));
    Nbvcxz estimator = estimator(context);
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.passwordreset.api.PasswordResetException(
          "interrupted while waiting to estimate a password's strength", e);
    }
    try {
      String text = new String(candidate, 0, end);
      java.util.function.@Nullable Consumer<String> seam = evaluated;
      if (seam != null) {
        seam.accept(text);
      }
      return estimator.estimate(text);
    } finally {
      permits.release();
    }
  }

  /** The estimator for this customer: the rule's own, with their words beside it if any. */
  private Nbvcxz estimator(PolicyContext context) {
    Nbvcxz shared = base();
    Set<String> personal = personalWords(context);
    if (personal.isEmpty()) {
      return shared;
    }
    Configuration c = shared.getConfiguration();
    List<Dictionary> dictionaries = new ArrayList<>(c.getDictionaries());
    DictionaryBuilder builder = new DictionaryBuilder().setDictionaryName(PERSONAL);
    int rank = 1;
    for (String word : personal) {
      builder.addWord(word, rank++);
    }
    dictionaries.add(builder.createDictionary());
    // Everything costly (dictionaries, graphs, tables, matchers) is the shared instance's.
    return new Nbvcxz(
        new Configuration(
            c.getPasswordMatchers(),
            c.getGuessTypes(),
            dictionaries,
            c.getAdjacencyGraphs(),
            c.getLeetTable(),
            c.getYearPattern(),
            c.getMinimumEntropy(),
            c.getMaxLength(),
            c.getLocale(),
            c.isDistanceCalc(),
            c.getCombinationAlgorithmTimeout()));
  }

  /** The rule's estimator, built at the first check and only once. */
  private Nbvcxz base() {
    @Nullable Nbvcxz built = base;
    if (built == null) {
      synchronized (buildLock) {
        built = base;
        if (built == null) {
          built =
              new Nbvcxz(
                  new ConfigurationBuilder()
                      .setDictionaries(
                          new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries()))
                      .setLocale(Locale.ENGLISH)
                      .createConfiguration());
          ESTIMATORS_BUILT.incrementAndGet();
          base = built;
        }
      }
    }
    return built;
  }

  /** The email's local part and the name, whole and split into words, lower-cased. */
  private static Set<String> personalWords(PolicyContext context) {
    Set<String> words = new LinkedHashSet<>();
    @Nullable String email = context.email();
    if (email != null) {
      int at = email.lastIndexOf('@');
      addWords(words, at < 0 ? email : email.substring(0, at));
    }
    @Nullable String name = context.displayName();
    if (name != null) {
      addWords(words, name);
    }
    return words;
  }

  private static void addWords(Set<String> into, String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || lower.length() > MAX_PERSONAL_WORD) {
      return;
    }
    if (lower.length() >= 3) {
      into.add(lower);
    }
    for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
      if (part.length() >= 3) {
        into.add(part);
      }
    }
  }

  /** A localized sentence naming the pattern nbvcxz found, if it found one we have words for. */
  private static @Nullable String hint(Result result, Locale locale) {
    // nbvcxz words a match in any dictionary by rank ("one of the 10 most common passwords"),
    // which is wrong for the customer's own name or email: say that instead.
    for (Match match : result.getMatches()) {
      if (match instanceof DictionaryMatch d && PERSONAL.equals(d.getDictionaryName())) {
        return Messages.format(locale, ID + ".hint.personal");
      }
    }
    String key = result.getFeedback().getWarningKey();
    if (key == null || !key.startsWith("feedback.")) {
      return null;
    }
    try {
      return Messages.format(locale, ID + ".hint." + key.substring("feedback.".length()));
    } catch (MissingResourceException e) {
      return null;
    }
  }
}
