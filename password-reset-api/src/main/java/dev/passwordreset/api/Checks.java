package dev.passwordreset.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the value types; messages name the argument, never a secret. */
final class Checks {
  private Checks() {}

  static <T> T notNull(@Nullable T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  static String notBlank(@Nullable String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** Rejects CR, LF and other control characters that could inject headers or forge log lines. */
  static @Nullable String noControlChars(@Nullable String value, String name) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            name
                + " must not contain control characters (found U+"
                + hex(c)
                + " at index "
                + i
                + ")");
      }
    }
    return value;
  }

  static String maxLength(String value, int max, String name) {
    if (value.length() > max) {
      throw new IllegalArgumentException(
          name + " must be at most " + max + " characters long, was " + value.length());
    }
    return value;
  }

  static Duration between(@Nullable Duration value, Duration min, Duration max, String name) {
    notNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidSettingException(
          name, human(value), "must be between " + human(min) + " and " + human(max));
    }
    return value;
  }

  static String human(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return d.toString();
    }
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
    }
    return d.toString();
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
