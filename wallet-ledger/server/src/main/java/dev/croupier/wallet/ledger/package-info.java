/** Values every wallet feature shares: account types, transaction kinds, references, errors. */
package dev.croupier.wallet.ledger;
