package dev.croupier.workflows.evidence;

/** How many exported runs replayed against this build's worker code, and how many did not. */
public record ReplaySummary(int passed, int failed) {}
