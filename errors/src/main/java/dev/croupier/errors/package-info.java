/**
 * The platform-wide error catalogue: every code, its transport-neutral kind and whether it may be
 * retried, shared by every module and mapped to transports at the edges.
 */
package dev.croupier.errors;
