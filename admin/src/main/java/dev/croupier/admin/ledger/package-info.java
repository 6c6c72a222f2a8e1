/** The live ledger: the last ledger posts, streamed to staff over server-sent events. */
package dev.croupier.admin.ledger;
