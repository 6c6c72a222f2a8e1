/** The gRPC edge: maps protobuf messages to the ledger's values and errors to statuses. */
package dev.croupier.wallet.grpc;
