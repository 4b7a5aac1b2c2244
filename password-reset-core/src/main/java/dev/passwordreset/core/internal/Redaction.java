package dev.passwordreset.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Takes a link and its token out of a text that may echo them (an exception message from a mail
 * API, a mail server's answer), in whatever form the text carries them: as is, percent-encoded
 * ({@code %2F}, or every character as {@code %41}), JSON-escaped ({@code \/}, {@code \u0041}),
 * HTML-escaped ({@code &amp;}, {@code &#47;}, {@code &#x2F;}), broken by a quoted-printable soft
 * line break ({@code =} at a line's end; token characters are never quoted-printable-encoded), or
 * these nested up to {@value #LAYERS} deep ({@code %2541}, {@code &amp;#x41;}).
 *
 * <p>The text is decoded layer by layer while each decoded character remembers which characters of
 * the original it came from; wherever the link or the token appears in any layer, those original
 * characters are replaced. The one place that does this for every path that reports a failed email
 * (the delivery queue's log line, its final-failure warning and {@code DELIVERY_FAILED} event, and
 * the agent's send). Stateless; thread-safe.
 */
public final class Redaction {
  /** What replaces a link. */
  public static final String LINK = "<link>";

  /** What replaces a token. */
  public static final String TOKEN = "<token>";

  /** How many layers of escaping are undone. */
  static final int LAYERS = 3;

  private Redaction() {}

  /**
   * The text without the link and the token, in any of the forms above.
   *
   * @param text the text, e.g. an exception message
   * @param link the link to remove (replaced by {@value #LINK}), or null
   * @param token the token to remove wherever it appears, also outside the link (replaced by
   *     {@value #TOKEN}), or null
   * @return the text with every occurrence replaced
   */
  public static String strip(String text, @Nullable String link, @Nullable String token) {
    String out = text;
    if (link != null && !link.isEmpty()) {
      out = replace(out, link, LINK);
    }
    if (token != null && !token.isEmpty()) {
      out = replace(out, token, TOKEN);
    }
    return out;
  }

  /**
   * The token inside a link whose SHA-256 is the given ticket hash, or, without a hash, the link's
   * runs of token characters at least a token long.
   *
   * @param link the link
   * @param ticketHash the stored hash of the link's token, or null
   * @return the token(s) found; empty if none
   */
  public static List<String> tokensIn(String link, @Nullable String ticketHash) {
    List<String> found = new ArrayList<>();
    int n = Tokens.TOKEN_LENGTH;
    int run = 0;
    for (int i = 0; i <= link.length(); i++) {
      boolean tokenChar = i < link.length() && tokenChar(link.charAt(i));
      if (tokenChar) {
        run++;
        continue;
      }
      if (run >= n) {
        int start = i - run;
        if (ticketHash == null) {
          found.add(link.substring(start, i));
        } else {
          for (int s = start; s + n <= i; s++) {
            String candidate = link.substring(s, s + n);
            if (Tokens.sha256Hex(candidate).equals(ticketHash)) {
              found.add(candidate);
            }
          }
        }
      }
      run = 0;
    }
    return found;
  }

  private static boolean tokenChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /** Replaces every occurrence of the secret, in any layer of decoding, by the label. */
  private static String replace(String text, String secret, String label) {
    boolean[] hidden = new boolean[text.length()];
    boolean any = false;
    Decoded layer = Decoded.of(text);
    for (int depth = 0; depth <= LAYERS; depth++) {
      any |= layer.mark(secret, hidden);
      Decoded next = layer.decodeOnce();
      if (next == null) {
        break;
      }
      layer = next;
    }
    if (!any) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      if (hidden[i]) {
        out.append(label);
        while (i < text.length() && hidden[i]) {
          i++;
        }
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** A decoded text: each character with the span [start, end) of the original it came from. */
  private record Decoded(char[] chars, int[] start, int[] end, int length) {

    static Decoded of(String text) {
      int n = text.length();
      int[] start = new int[n];
      int[] end = new int[n];
      for (int i = 0; i < n; i++) {
        start[i] = i;
        end[i] = i + 1;
      }
      return new Decoded(text.toCharArray(), start, end, n);
    }

    /** Marks the original characters of every occurrence; whether there was one. */
    boolean mark(String secret, boolean[] hidden) {
      boolean found = false;
      int m = secret.length();
      for (int i = 0; i + m <= length; i++) {
        if (matches(i, secret)) {
          for (int k = start[i]; k < end[i + m - 1]; k++) {
            hidden[k] = true;
          }
          found = true;
        }
      }
      return found;
    }

    private boolean matches(int at, String secret) {
      for (int k = 0; k < secret.length(); k++) {
        if (chars[at + k] != secret.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    /** One layer of escapes undone, or null if there was none. */
    @Nullable Decoded decodeOnce() {
      char[] c = new char[length];
      int[] s = new int[length];
      int[] e = new int[length];
      int n = 0;
      boolean changed = false;
      int pendingStart = -1; // the start of characters dropped before the next one (soft breaks)
      for (int i = 0; i < length; ) {
        int[] decoded = decodeAt(i); // {char, consumed} or {-1, consumed} for nothing, or null
        if (decoded == null) {
          c[n] = chars[i];
          s[n] = pendingStart >= 0 ? pendingStart : start[i];
          e[n] = end[i];
          pendingStart = -1;
          n++;
          i++;
          continue;
        }
        changed = true;
        int last = i + decoded[1] - 1;
        if (decoded[0] < 0) {
          if (pendingStart < 0) {
            pendingStart = start[i];
          }
        } else {
          c[n] = (char) decoded[0];
          s[n] = pendingStart >= 0 ? pendingStart : start[i];
          e[n] = end[last];
          pendingStart = -1;
          n++;
        }
        i = last + 1;
      }
      return changed ? new Decoded(c, s, e, n) : null;
    }

    /** The escape at i: {character or -1 for nothing, characters consumed}, or null for none. */
    private int @Nullable [] decodeAt(int i) {
      char ch = chars[i];
      if (ch == '%' && i + 2 < length) {
        int hi = Character.digit(chars[i + 1], 16);
        int lo = Character.digit(chars[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          return new int[] {hi * 16 + lo, 3};
        }
      }
      if (ch == '\\' && i + 1 < length) {
        char next = chars[i + 1];
        if (next == 'u' && i + 5 < length) {
          int v = hex(i + 2, 4);
          if (v >= 0) {
            return new int[] {v, 6};
          }
        }
        if (next == '/' || next == '\\' || next == '"' || next == '\'') {
          return new int[] {next, 2};
        }
      }
      if (ch == '=' && i + 1 < length) {
        if (chars[i + 1] == '\n') {
          return new int[] {-1, 2};
        }
        if (chars[i + 1] == '\r' && i + 2 < length && chars[i + 2] == '\n') {
          return new int[] {-1, 3};
        }
      }
      if (ch == '&') {
        return entityAt(i);
      }
      return null;
    }

    private int @Nullable [] entityAt(int i) {
      int semi = -1;
      for (int k = i + 1; k < length && k <= i + 10; k++) {
        if (chars[k] == ';') {
          semi = k;
          break;
        }
      }
      if (semi < 0) {
        return null;
      }
      String name = new String(chars, i + 1, semi - i - 1);
      int consumed = semi - i + 1;
      switch (name) {
        case "amp":
          return new int[] {'&', consumed};
        case "lt":
          return new int[] {'<', consumed};
        case "gt":
          return new int[] {'>', consumed};
        case "quot":
          return new int[] {'"', consumed};
        case "apos":
          return new int[] {'\'', consumed};
        case "sol":
          return new int[] {'/', consumed};
        case "equals":
          return new int[] {'=', consumed};
        case "quest":
          return new int[] {'?', consumed};
        case "colon":
          return new int[] {':', consumed};
        default:
          break;
      }
      if (name.length() > 1 && name.charAt(0) == '#') {
        try {
          int v =
              name.charAt(1) == 'x' || name.charAt(1) == 'X'
                  ? Integer.parseInt(name.substring(2), 16)
                  : Integer.parseInt(name.substring(1));
          if (v >= 0 && v <= Character.MAX_VALUE) {
            return new int[] {v, consumed};
          }
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }

    private int hex(int from, int digits) {
      int v = 0;
      for (int k = from; k < from + digits; k++) {
        int d = Character.digit(chars[k], 16);
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
      }
      return v;
    }
  }
}
