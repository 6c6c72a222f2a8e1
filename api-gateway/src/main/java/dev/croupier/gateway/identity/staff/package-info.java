/**
 * The identity context's staff API: the StaffIdentity gRPC service the back office calls over
 * mutual TLS, and its server.
 */
package dev.croupier.gateway.identity.staff;
