/** The wallet seen from identity: a gRPC client of croupier.wallet.v1.Wallet. */
@NullMarked
package dev.croupier.gateway.identity.wallet;

import org.jspecify.annotations.NullMarked;
