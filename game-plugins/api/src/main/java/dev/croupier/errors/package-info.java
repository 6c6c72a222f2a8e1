/**
 * The platform-wide error catalogue, shared by every module and mapped to transports at the edges.
 */
package dev.croupier.errors;
