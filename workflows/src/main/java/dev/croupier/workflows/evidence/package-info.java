/**
 * Compliance evidence exports: a workflow that gathers the histories and records of a session, a
 * player's sessions or a table over a time range, replays the histories and seals a signed bundle,
 * so a long export survives a restart and shows progress.
 */
package dev.croupier.workflows.evidence;
