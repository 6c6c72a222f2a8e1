/** The ledger activities: a session's wallet calls over gRPC, idempotent by business keys. */
package dev.croupier.activities.ledger;
