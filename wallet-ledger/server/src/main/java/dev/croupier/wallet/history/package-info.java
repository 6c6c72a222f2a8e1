/** Reading the ledger: transactions by ID or key, and entries paged by cursor. */
package dev.croupier.wallet.history;
