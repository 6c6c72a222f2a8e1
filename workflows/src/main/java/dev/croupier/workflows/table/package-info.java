/**
 * A table of any table game as a long-running Temporal workflow: the workflow, the activity
 * interfaces it calls and the values they exchange. The game's rules come from its {@link
 * dev.croupier.games.api.TableGame} plugin, pinned by version and content hash.
 */
package dev.croupier.workflows.table;
