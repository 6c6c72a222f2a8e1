/**
 * Deterministic Temporal workflow code: game sessions and poker tables, and the activity interfaces
 * they call.
 */
package dev.croupier.workflows;
