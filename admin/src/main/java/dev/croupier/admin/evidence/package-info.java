/**
 * Compliance evidence: the session inspector, and signed evidence bundles exported by a Temporal
 * workflow with a replay check of every history.
 */
package dev.croupier.admin.evidence;
