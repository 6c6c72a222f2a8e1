package dev.croupier.wallet.auth;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.ServiceToken;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenException;
import dev.croupier.wallet.api.ServiceTokenKey;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only with a valid service token for the wallet ({@code authorization: Bearer
 * <token>}); otherwise closes it with UNAUTHENTICATED and error code INVALID_TOKEN, before the
 * request is read. The calling service's name is available as {@link #CALLER}.
 */
public final class ServiceTokenInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(ServiceTokenInterceptor.class);

  /** The authenticated calling service. */
  public static final Context.Key<String> CALLER = Context.key("croupier-caller");

  private final ServiceTokenKey key;
  private final Clock clock;
  // Callers reuse a token for minutes: checking its signature once is enough. Expiry is checked
  // on every call. Bounded, so junk tokens cannot grow it.
  private final Map<String, ServiceToken> verified = new ConcurrentHashMap<>();

  public ServiceTokenInterceptor(ServiceTokenKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  private ServiceToken verify(String compact) {
    Instant now = clock.instant();
    ServiceToken known = verified.get(compact);
    if (known != null && now.isBefore(known.expiresAt())) {
      return known;
    }
    ServiceToken token =
        ServiceToken.verify(key, compact, ServiceTokenCredentials.WALLET_AUDIENCE, now);
    if (verified.size() >= 1024) {
      verified.clear();
    }
    verified.put(compact, token);
    return token;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String header = headers.get(ServiceTokenCredentials.AUTHORIZATION);
    try {
      if (header == null || !header.startsWith("Bearer ")) {
        throw new ServiceTokenException("no bearer token");
      }
      ServiceToken token = verify(header.substring("Bearer ".length()).trim());
      Context ctx = Context.current().withValue(CALLER, token.subject());
      return Contexts.interceptCall(ctx, call, headers, next);
    } catch (ServiceTokenException e) {
      log.debug("Refused {}: {}", call.getMethodDescriptor().getFullMethodName(), e.getMessage());
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              ErrorCode.INVALID_TOKEN.name() + ": " + e.getMessage()),
          WalletErrors.trailers(ErrorCode.INVALID_TOKEN));
      return new ServerCall.Listener<>() {};
    }
  }
}
