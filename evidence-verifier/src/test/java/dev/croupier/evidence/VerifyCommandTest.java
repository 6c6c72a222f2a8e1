package dev.croupier.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an auditor meets it: a wrong file is "cannot be read" (exit 2) with the
 * reason, never a discrepancy in the evidence (exit 1) and never the bare usage.
 */
class VerifyCommandTest {

  @Test
  void aMissingFileIsNamedAsMissing(@TempDir Path dir) {
    Run run = run(dir.resolve("evidence-nothing.zip").toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("evidence-nothing.zip: no such file").doesNotContain("usage");
  }

  @Test
  void aFileThatIsNoZipIsUnreadableNotADiscrepancy(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("bundle.zip"), "{\"not\": \"a zip\"}");
    Run run = run(text.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("bundle.zip: not a zip file");
    assertThat(run.out).doesNotContain("DISCREPANCY");
  }

  @Test
  void aFolderIsNotABundle(@TempDir Path dir) {
    Run run = run(dir.toString());
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("not a file");
  }

  @Test
  void noArgumentPrintsTheUsage() {
    Run run = run();
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("usage: java -jar evidence-verifier-verify.jar");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        VerifyCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
