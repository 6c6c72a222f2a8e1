package dev.croupier.wallet.posting;

import java.util.concurrent.CompletableFuture;

/** A validated post waiting for its committer. */
final class Pending {
  final PostRequest request;
  final byte[] hash;
  final int route;
  final long deadlineNanos;
  final CompletableFuture<PostResult> future = new CompletableFuture<>();

  Pending(PostRequest request, byte[] hash, int route, long deadlineNanos) {
    this.request = request;
    this.hash = hash;
    this.route = route;
    this.deadlineNanos = deadlineNanos;
  }

  String key() {
    return request.idempotencyKey();
  }

  boolean expired(long nowNanos) {
    return deadlineNanos - nowNanos <= 0;
  }
}
