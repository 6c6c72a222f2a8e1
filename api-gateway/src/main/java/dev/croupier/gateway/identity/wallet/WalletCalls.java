package dev.croupier.gateway.identity.wallet;

import dev.croupier.api.wallet.v1.WalletGrpc;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How the gateway calls the wallet: waiting for a connection, within a deadline. */
final class WalletCalls {
  private final ManagedChannel channel;
  private final WalletGrpc.WalletBlockingStub stub;
  private final Duration deadline;

  WalletCalls(ManagedChannel channel, WalletGrpc.WalletBlockingStub stub, Duration deadline) {
    this.channel = channel;
    this.stub = stub;
    this.deadline = deadline;
  }

  /**
   * A stub for one call. After an outage gRPC waits a growing backoff (up to two minutes) before it
   * dials again; a call that needs the wallet now dials at once instead, so a wallet that is back
   * is used by the next call and not after the backoff runs out.
   */
  WalletGrpc.WalletBlockingStub call() {
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      channel.resetConnectBackoff();
    }
    return stub.withWaitForReady().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }
}
