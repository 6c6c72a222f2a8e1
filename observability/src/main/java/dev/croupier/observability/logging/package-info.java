/**
 * Log defaults: JSON lines (Elastic Common Schema) carrying the trace and span ids, and secrets
 * scrubbed from every value before it is written.
 */
package dev.croupier.observability.logging;
