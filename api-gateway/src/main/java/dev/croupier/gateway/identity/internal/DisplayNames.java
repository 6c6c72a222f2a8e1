package dev.croupier.gateway.identity.internal;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Display names are shown to other players, so they must not be able to pass for someone else or
 * break the page: NFKC-normalised, 3 to 32 code points, letters (with their accents), digits, and
 * single inner spaces or {@code _ - . '}. Refused: control and format characters (bidi overrides
 * such as U+202E, zero-width characters), other spacing, private-use and unassigned code points,
 * stacks of combining marks, and letters from more than one script (a Latin name with a Cyrillic
 * "а" in it).
 */
final class DisplayNames {
  static final int MIN = 3;
  static final int MAX = 32;
  private static final String PUNCTUATION = "_-.'";

  private DisplayNames() {}

  /** Why a name is refused. */
  enum Problem {
    LENGTH,
    FORBIDDEN_CHARACTER,
    SPACING,
    MIXED_SCRIPTS
  }

  /** The normalised name, or the problem with it. */
  record Result(Optional<String> name, Optional<Problem> problem) {
    static Result ok(String name) {
      return new Result(Optional.of(name), Optional.empty());
    }

    static Result refused(Problem problem) {
      return new Result(Optional.empty(), Optional.of(problem));
    }
  }

  static Result check(String raw) {
    String name = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    // Looked at before length, so a name padded with invisible characters gets the real reason.
    Character.UnicodeScript script = null;
    int marksInARow = 0;
    boolean previousSpace = true;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (cp == ' ') {
        if (previousSpace) {
          return Result.refused(Problem.SPACING);
        }
        previousSpace = true;
        marksInARow = 0;
        continue;
      }
      if (isMark(type)) {
        // A mark must sit on a letter, and two are enough for any real accent.
        if (previousSpace || ++marksInARow > 2) {
          return Result.refused(Problem.FORBIDDEN_CHARACTER);
        }
        continue;
      }
      previousSpace = false;
      marksInARow = 0;
      if (Character.isLetter(cp)) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        if (s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED) {
          if (script == null) {
            script = s;
          } else if (script != s) {
            return Result.refused(Problem.MIXED_SCRIPTS);
          }
        }
      } else if (type != Character.DECIMAL_DIGIT_NUMBER && PUNCTUATION.indexOf(cp) < 0) {
        return Result.refused(
            Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                ? Problem.SPACING
                : Problem.FORBIDDEN_CHARACTER);
      }
    }
    if (previousSpace && !name.isEmpty()) {
      return Result.refused(Problem.SPACING);
    }
    int length = name.codePointCount(0, name.length());
    if (length < MIN || length > MAX) {
      return Result.refused(Problem.LENGTH);
    }
    return Result.ok(name);
  }

  private static boolean isMark(int type) {
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
