/** Span export that never holds a caller up: a bounded queue whose drops are counted. */
package dev.croupier.observability.tracing;
