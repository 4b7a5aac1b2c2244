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
 * <p>nbvcxz takes a {@code String}, so this rule makes one of the candidate (local to the check,
 * unreachable afterwards, never logged). Each check costs a few milliseconds, and at most nbvcxz's
 * combination timeout (500 ms) for pathological inputs. Immutable and thread-safe.
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

  private final double minimumEntropy;

  private StrengthRule(double minimumEntropy) {
    this.minimumEntropy = minimumEntropy;
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
    Result result = estimator(context).estimate(new String(candidate));
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

  private static Nbvcxz estimator(PolicyContext context) {
    List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
    Set<String> personal = personalWords(context);
    if (!personal.isEmpty()) {
      DictionaryBuilder builder = new DictionaryBuilder().setDictionaryName(PERSONAL);
      int rank = 1;
      for (String word : personal) {
        builder.addWord(word, rank++);
      }
      dictionaries.add(builder.createDictionary());
    }
    return new Nbvcxz(
        new ConfigurationBuilder()
            .setDictionaries(dictionaries)
            .setLocale(Locale.ENGLISH)
            .createConfiguration());
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
