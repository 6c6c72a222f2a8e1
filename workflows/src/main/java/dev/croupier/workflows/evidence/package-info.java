/**
 * Compliance evidence exports: a workflow that gathers a session's histories and records, replays
 * the histories and seals a signed bundle, so a long export survives a restart and shows progress.
 */
package dev.croupier.workflows.evidence;
