/** Load generator for the wallet: PostTransaction through gRPC against a ledger of 1M+ entries. */
package dev.croupier.bench.wallet;
