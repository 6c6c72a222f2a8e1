/**
 * Who calls the wallet and what they may do: the caller from its mutual-TLS certificate, and the
 * matrix of caller x method x transaction kind x account that every call passes first.
 */
package dev.croupier.wallet.auth;
