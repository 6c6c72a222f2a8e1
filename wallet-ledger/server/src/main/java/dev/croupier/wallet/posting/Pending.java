package dev.croupier.wallet.posting;

import dev.croupier.outbox.OutboxTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;

/** A validated post waiting for its committer. */
final class Pending {
  final PostRequest request;
  final byte[] hash;
  final int route;
  final long deadlineNanos;
  final CompletableFuture<PostResult> future = new CompletableFuture<>();

  /** The caller's trace context, captured on its thread. */
  private final Context parent;

  /** The span of the transaction that writes it, once its batch started; null when not traced. */
  private Span write;

  Pending(PostRequest request, byte[] hash, int route, long deadlineNanos) {
    this.request = request;
    this.hash = hash;
    this.route = route;
    this.deadlineNanos = deadlineNanos;
    this.parent = Context.current();
  }

  String key() {
    return request.idempotencyKey();
  }

  boolean expired(long nowNanos) {
    return deadlineNanos - nowNanos <= 0;
  }

  /** Starts the span of the batch write, when the caller's trace is sampled. */
  void startWrite(Tracer tracer, int batchSize) {
    if (write != null || !Span.fromContext(parent).getSpanContext().isSampled()) {
      return;
    }
    write =
        tracer
            .spanBuilder("ledger.write")
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system.name", "postgresql")
            .setAttribute("db.operation.name", "INSERT")
            .setAttribute("db.collection.name", "wallet.transaction")
            .setAttribute("croupier.batch.size", batchSize)
            .setAttribute("croupier.transaction.kind", String.valueOf(request.kind()))
            .startSpan();
  }

  /** The write span's {@code traceparent} for the post's outbox rows, or null. */
  String traceParent() {
    return write == null ? null : OutboxTracing.traceParent(write.getSpanContext());
  }

  /** Ends the write span with the post's outcome. */
  void endWrite(Throwable failure) {
    if (write == null) {
      return;
    }
    if (failure != null) {
      write.setStatus(StatusCode.ERROR, failure.toString());
    }
    write.end();
    write = null;
  }
}
