/**
 * Opening accounts, reading balances, and the cache of account and currency facts posting needs.
 */
package dev.croupier.wallet.accounts;
