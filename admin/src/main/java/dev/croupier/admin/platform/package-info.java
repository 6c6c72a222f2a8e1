/**
 * How the admin app reaches the rest of the platform: the wallet over gRPC, Temporal (its client
 * and the worker that runs the approval workflows).
 */
package dev.croupier.admin.platform;
