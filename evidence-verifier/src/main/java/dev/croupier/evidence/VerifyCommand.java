package dev.croupier.evidence;

import dev.croupier.games.api.GameRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * {@code java -jar evidence-verifier-<version>-verify.jar bundle.zip [--public-key=<base64>]}:
 * prints every check, then {@code VALID} (exit 0) or the first discrepancy (exit 1); 2 for a bundle
 * that cannot be read or a wrong command line. Needs no database or network.
 */
public final class VerifyCommand {
  private VerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command, with its streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path bundle = null;
    Optional<PublicKey> pinned = Optional.empty();
    for (String a : args) {
      if (a.startsWith("--public-key=")) {
        try {
          pinned = Optional.of(EvidenceKeys.decodePublic(a.substring("--public-key=".length())));
        } catch (IllegalArgumentException e) {
          err.println("--public-key: " + e.getMessage());
          return 2;
        }
      } else if (bundle == null && !a.startsWith("--")) {
        bundle = Path.of(a);
      } else {
        err.println("unknown argument: " + a);
        return 2;
      }
    }
    if (bundle == null) {
      err.println(
          "usage: java -jar evidence-verifier-verify.jar <bundle.zip> [--public-key=<base64>]");
      return 2;
    }
    String unreadable = unreadable(bundle);
    if (unreadable != null) {
      err.println("cannot read " + bundle + ": " + unreadable);
      return 2;
    }
    BundleVerifier.Report report;
    try {
      report =
          new BundleVerifier(GameRegistry.load(VerifyCommand.class.getClassLoader()))
              .verify(bundle, pinned);
    } catch (IOException e) {
      err.println("cannot read " + bundle + ": " + e.getMessage());
      return 2;
    }
    report.findings().forEach(out::println);
    Optional<BundleVerifier.Finding> first = report.firstDiscrepancy();
    if (first.isPresent()) {
      out.println("DISCREPANCY " + first.get().check() + ": " + first.get().detail());
      return 1;
    }
    out.println("VALID " + report.findings().size() + " checks passed");
    return 0;
  }

  /**
   * Why the file cannot be a bundle at all, or null: a path that is missing, a folder, unreadable,
   * or a file that does not start as a zip does (an auditor's wrong file is not a discrepancy in
   * the evidence).
   */
  private static String unreadable(Path bundle) {
    if (!Files.exists(bundle)) {
      return "no such file";
    }
    if (!Files.isRegularFile(bundle)) {
      return "not a file";
    }
    if (!Files.isReadable(bundle)) {
      return "permission denied";
    }
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(bundle)) {
      if (in.readNBytes(head, 0, 4) < 4
          || head[0] != 'P'
          || head[1] != 'K'
          || !((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
        return "not a zip file";
      }
    } catch (IOException e) {
      return e.getMessage();
    }
    return null;
  }
}
