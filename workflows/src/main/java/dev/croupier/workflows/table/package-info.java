/**
 * A No-Limit Hold'em table as a long-running Temporal workflow: the workflow, the activity
 * interfaces it calls, the values they exchange, and the client facade the gateway uses.
 */
package dev.croupier.workflows.table;
