package dev.croupier.workflows.evidence;

/**
 * Where an export is.
 *
 * @param step {@code STARTED}, {@code HISTORIES}, {@code RECORDS}, {@code REPLAY}, {@code SEALED}
 * @param runs workflow runs collected so far
 * @param rounds rounds collected so far (for a table's export: hands)
 * @param replayPassed runs that replayed against this build's worker code
 * @param replayFailed runs that did not, each with its detail in the bundle's {@code replay.json}
 * @param bundleSha256 the sealed bundle's SHA-256, once sealed
 * @param bytes the sealed bundle's size, once sealed
 */
public record ExportProgress(
    String step,
    int runs,
    int rounds,
    int replayPassed,
    int replayFailed,
    String bundleSha256,
    long bytes) {
  static ExportProgress started() {
    return new ExportProgress("STARTED", 0, 0, 0, 0, null, 0);
  }
}
