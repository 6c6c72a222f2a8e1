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
    if (bundle == null || !Files.isReadable(bundle)) {
      err.println(
          "usage: java -jar evidence-verifier-verify.jar <bundle.zip> [--public-key=<base64>]");
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
}
