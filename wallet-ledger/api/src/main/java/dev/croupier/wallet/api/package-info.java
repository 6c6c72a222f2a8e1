/**
 * Client-side helpers for the wallet's gRPC contract: error codes from statuses, service tokens as
 * call credentials, and the wallet.entries event decoded into a plain record.
 */
package dev.croupier.wallet.api;
