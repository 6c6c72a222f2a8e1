/**
 * The real Temporal server (frontend, history, matching and worker services in one process) on
 * PostgreSQL with SQL visibility, its schema set up by Temporal's own SQL tool, and its Web UI.
 */
package dev.croupier.topology.temporal;
