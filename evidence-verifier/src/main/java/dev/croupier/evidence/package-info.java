/** Evidence bundles: their format, their signature, and the offline verifier auditors run. */
package dev.croupier.evidence;
