package dev.passwordreset.core.policy;

import dev.passwordreset.api.PolicyContext;
import dev.passwordreset.api.PolicyViolation;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * {@code uppercase}, {@code lowercase}, {@code digit}, {@code special}: one code point of a kind.
 */
final class CharacterRule implements PasswordRule {

  /** Any upper-case or title-case letter, not only A-Z: É or Ö count too. */
  static final CharacterRule UPPERCASE =
      new CharacterRule("uppercase", cp -> Character.isUpperCase(cp) || Character.isTitleCase(cp));

  /** Any lower-case letter. */
  static final CharacterRule LOWERCASE = new CharacterRule("lowercase", Character::isLowerCase);

  /** Any decimal digit (after NFKC, full-width digits are ASCII digits). */
  static final CharacterRule DIGIT = new CharacterRule("digit", Character::isDigit);

  /**
   * Anything a person types that is neither a letter nor a digit: punctuation, symbols, emoji and
   * spaces; not control, format or unassigned characters, combining marks or lone surrogates.
   */
  static final CharacterRule SPECIAL = new CharacterRule("special", CharacterRule::isSpecial);

  private final String id;
  private final IntPredicate predicate;

  private CharacterRule(String id, IntPredicate predicate) {
    this.id = id;
    this.predicate = predicate;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<PolicyViolation> check(char[] candidate, PolicyContext context) {
    return CodePoints.any(candidate, predicate)
        ? Optional.empty()
        : Optional.of(
            new PolicyViolation(id, Messages.format(context.locale(), id + ".violation")));
  }

  @Override
  public Optional<String> describe(Locale locale) {
    return Optional.of(Messages.format(locale, id + ".description"));
  }

  @Override
  public String toString() {
    return id;
  }

  private static boolean isSpecial(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.UNASSIGNED,
          Character.SURROGATE,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK ->
          false;
      default -> true;
    };
  }
}
