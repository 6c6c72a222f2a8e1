/**
 * Client-side helpers for the wallet's gRPC contract: error codes from statuses, the mutual-TLS
 * identity every caller presents, and the wallet.entries event decoded into a plain record.
 */
package dev.croupier.wallet.api;
