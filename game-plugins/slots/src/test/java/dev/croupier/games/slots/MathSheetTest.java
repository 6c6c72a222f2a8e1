package dev.croupier.games.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code MATH.md} must be the sheet the build generates from the math files. Run with
 * {@code -Dmath.sheet.update=true} to rewrite it after changing the math.
 */
class MathSheetTest {

  @Test
  void committedMathSheetIsTheGeneratedOne() throws Exception {
    Path committed = Path.of(System.getProperty("math.sheet.committed", "MATH.md"));
    Path generated = Path.of(System.getProperty("math.sheet.generated", "target/math-sheet.md"));
    if (!Files.exists(generated)) {
      // Run outside Maven's process-classes step, for example from an IDE.
      MathSheet.main(new String[] {generated.toString()});
    }
    String sheet = Files.readString(generated, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("math.sheet.update")) {
      Files.writeString(committed, sheet, StandardCharsets.UTF_8);
    }

    assertThat(committed).exists();
    assertThat(Files.readString(committed, StandardCharsets.UTF_8))
        .as("MATH.md is stale: rebuild with -Dmath.sheet.update=true")
        .isEqualTo(sheet);
  }
}
