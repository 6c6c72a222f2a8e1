/** Authenticates calling services by their signed service token. */
package dev.croupier.wallet.auth;
