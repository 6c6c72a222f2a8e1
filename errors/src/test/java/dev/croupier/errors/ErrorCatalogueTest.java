package dev.croupier.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {
  private static final Path README = Path.of("README.md");
  private static final String BEGIN = "<!-- catalogue:begin -->";
  private static final String END = "<!-- catalogue:end -->";

  @Test
  void onlySystemKindsAreRetryable() {
    Set<ErrorCode.Kind> retryable =
        EnumSet.of(
            ErrorCode.Kind.RESOURCE_EXHAUSTED, ErrorCode.Kind.UNAVAILABLE, ErrorCode.Kind.INTERNAL);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.retryable()).as(code.name()).isEqualTo(retryable.contains(code.kind()));
    }
    assertThat(ErrorCode.INSUFFICIENT_FUNDS.retryable()).isFalse();
    assertThat(ErrorCode.IDEMPOTENCY_CONFLICT.retryable()).isFalse();
    assertThat(ErrorCode.UNAVAILABLE.retryable()).isTrue();
  }

  @Test
  void everyCodeIsFoundByItsNameAndNothingElseIs() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.named(code.name())).contains(code);
    }
    assertThat(ErrorCode.named("insufficient_funds")).isEmpty();
    assertThat(ErrorCode.named("NO_SUCH_CODE")).isEmpty();
    assertThat(ErrorCode.named(null)).isEmpty();
  }

  @Test
  void everyCodeHasADescriptionOnOneLine() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.description()).as(code.name()).isNotBlank().doesNotContain("\n", "|");
    }
  }

  /**
   * The README's table is the catalogue as outsiders read it. Run with {@code
   * -Dcroupier.write-docs=true} to rewrite it after adding a code.
   */
  @Test
  void theReadmeListsEveryCodeWithItsKindAndRetryability() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README.md has the catalogue markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String table = table();
    if (Boolean.getBoolean("croupier.write-docs")) {
      readme = readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      end = readme.indexOf(END);
    }
    assertThat(readme.substring(begin + BEGIN.length(), end).strip())
        .as("errors/README.md is out of date: run the test with -Dcroupier.write-docs=true")
        .isEqualTo(table.strip());
  }

  private static String table() {
    StringBuilder s =
        new StringBuilder("| Code | Kind | Retryable | Meaning |\n|---|---|---|---|\n");
    for (ErrorCode code : ErrorCode.values()) {
      s.append("| `")
          .append(code.name())
          .append("` | ")
          .append(code.kind().name())
          .append(" | ")
          .append(code.retryable() ? "yes" : "no")
          .append(" | ")
          .append(code.description())
          .append(" |\n");
    }
    return s.toString();
  }
}
