package dev.passwordreset.legacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** The known-answer fixtures of {@code fixtures/*.tsv}, made once by the real tools. */
final class Fixtures {
  static final String[] FILES = {"php", "django", "passlib", "argon2cli", "spring"};

  private Fixtures() {}

  /** One stored hash and the password it was made of. */
  record Line(String file, String format, String label, String password, String hash) {
    char[] typed() {
      return password.toCharArray();
    }

    /** A wrong password: one more character, or the last one changed (same length). */
    char[] wrong() {
      char[] p = password.toCharArray();
      p[p.length - 1] = p[p.length - 1] == 'x' ? 'y' : 'x';
      return p;
    }

    @Override
    public String toString() {
      return file + ":" + format + ":" + label;
    }
  }

  static List<Line> all() {
    List<Line> lines = new ArrayList<>();
    for (String file : FILES) {
      lines.addAll(read(file));
    }
    return lines;
  }

  static List<Line> read(String file) {
    String name = "fixtures/" + file + ".tsv";
    try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream(name), name);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Line> lines = new ArrayList<>();
      for (String row = reader.readLine(); row != null; row = reader.readLine()) {
        if (row.isBlank() || row.startsWith("#")) {
          continue;
        }
        String[] f = row.split("\t", -1);
        String password = new String(Base64.getDecoder().decode(f[2]), StandardCharsets.UTF_8);
        lines.add(new Line(file, f[0], f[1], password, f[3]));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
