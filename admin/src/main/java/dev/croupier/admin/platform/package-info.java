/**
 * How the admin app reaches the rest of the platform: the wallet over gRPC, Kafka topics it follows
 * ({@link dev.croupier.admin.platform.TopicTail}), Temporal (its client and the worker that runs
 * the approval workflows).
 */
package dev.croupier.admin.platform;
