package dev.croupier.wallet.api;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * Attaches a fresh service token to every call, as {@code authorization: Bearer <token>}. Tokens
 * live {@link #TTL} and are re-minted when half of that has passed. Use it on a stub: {@code
 * WalletGrpc.newBlockingStub(channel).withCallCredentials(new ServiceTokenCredentials(key,
 * "workers"))}.
 */
public final class ServiceTokenCredentials extends CallCredentials {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  public static final String ISSUER = "croupier";
  public static final String WALLET_AUDIENCE = "wallet";
  static final Duration TTL = Duration.ofMinutes(5);

  private final ServiceTokenKey key;
  private final String caller;
  private final String audience;
  private final Clock clock;
  private volatile ServiceToken current;
  private volatile String signed;

  /** Credentials for the service {@code caller} calling the wallet. */
  public ServiceTokenCredentials(ServiceTokenKey key, String caller) {
    this(key, caller, WALLET_AUDIENCE, Clock.systemUTC());
  }

  public ServiceTokenCredentials(ServiceTokenKey key, String caller, String audience, Clock clock) {
    this.key = key;
    this.caller = caller;
    this.audience = audience;
    this.clock = clock;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    try {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token());
      applier.apply(headers);
    } catch (RuntimeException e) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("cannot mint token").withCause(e));
    }
  }

  private String token() {
    Instant now = clock.instant();
    ServiceToken t = current;
    if (t == null || now.isAfter(t.expiresAt().minus(TTL.dividedBy(2)))) {
      synchronized (this) {
        t = ServiceToken.of(ISSUER, caller, audience, now, TTL);
        signed = t.sign(key);
        current = t;
      }
    }
    return signed;
  }
}
