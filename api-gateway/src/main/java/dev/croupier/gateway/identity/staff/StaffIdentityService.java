package dev.croupier.gateway.identity.staff;

import com.google.protobuf.Timestamp;
import dev.croupier.api.identity.v1.ChangePlayerRequest;
import dev.croupier.api.identity.v1.GetPlayerRequest;
import dev.croupier.api.identity.v1.ListLoginEventsRequest;
import dev.croupier.api.identity.v1.ListLoginEventsResponse;
import dev.croupier.api.identity.v1.LoginEvent;
import dev.croupier.api.identity.v1.Player;
import dev.croupier.api.identity.v1.SearchPlayersRequest;
import dev.croupier.api.identity.v1.SearchPlayersResponse;
import dev.croupier.api.identity.v1.SignOutPlayerResponse;
import dev.croupier.api.identity.v1.StaffIdentityGrpc;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.StaffPlayers;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code croupier.identity.v1.StaffIdentity}: only the {@code admin} service may call (the caller
 * is the CN of its client certificate); refusals and failures carry the platform's error code in
 * the trailer {@code croupier-error-code}, as the wallet's do.
 */
final class StaffIdentityService extends StaffIdentityGrpc.StaffIdentityImplBase {
  private static final Logger log = LoggerFactory.getLogger(StaffIdentityService.class);
  static final String ADMIN = "admin";

  private final StaffPlayers players;

  StaffIdentityService(StaffPlayers players) {
    this.players = players;
  }

  @Override
  public void searchPlayers(SearchPlayersRequest r, StreamObserver<SearchPlayersResponse> out) {
    unary(
        out,
        () -> {
          int size = r.getPageSize() == 0 ? 20 : r.getPageSize();
          StaffPlayers.Page page = players.search(r.getQuery(), size, cursor(r.getPageToken()));
          SearchPlayersResponse.Builder b = SearchPlayersResponse.newBuilder();
          page.players().forEach(p -> b.addPlayers(player(p)));
          page.next().ifPresent(c -> b.setNextPageToken(token(c)));
          return b.build();
        });
  }

  @Override
  public void getPlayer(GetPlayerRequest r, StreamObserver<Player> out) {
    unary(
        out,
        () ->
            players
                .find(user(r.getUserId()))
                .map(StaffIdentityService::player)
                .orElseThrow(
                    () -> new CroupierException(ErrorCode.UNKNOWN_PLAYER, "no such player")));
  }

  @Override
  public void listLoginEvents(
      ListLoginEventsRequest r, StreamObserver<ListLoginEventsResponse> out) {
    unary(
        out,
        () -> {
          ListLoginEventsResponse.Builder b = ListLoginEventsResponse.newBuilder();
          for (StaffPlayers.LoginEvent e :
              players.logins(user(r.getUserId()), r.getLimit() == 0 ? 20 : r.getLimit())) {
            b.addEvents(
                LoginEvent.newBuilder()
                    .setAt(ts(e.at()))
                    .setIp(e.ip())
                    .setMethod(e.method())
                    .setOutcome(e.outcome()));
          }
          return b.build();
        });
  }

  @Override
  public void lockPlayer(ChangePlayerRequest r, StreamObserver<Player> out) {
    unary(out, () -> player(players.lock(user(r.getUserId()), true, by(r))));
  }

  @Override
  public void unlockPlayer(ChangePlayerRequest r, StreamObserver<Player> out) {
    unary(out, () -> player(players.lock(user(r.getUserId()), false, by(r))));
  }

  @Override
  public void signOutPlayer(ChangePlayerRequest r, StreamObserver<SignOutPlayerResponse> out) {
    unary(
        out,
        () ->
            SignOutPlayerResponse.newBuilder()
                .setRefreshTokensRevoked(players.signOut(user(r.getUserId()), by(r)))
                .build());
  }

  private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
    String caller = TlsCallerInterceptor.CALLER.get();
    if (!ADMIN.equals(caller)) {
      log.warn("Refused the staff identity API to {}", caller);
      out.onError(
          Status.PERMISSION_DENIED
              .withDescription(ErrorCode.CALLER_NOT_AUTHORIZED.name() + ": only admin may call")
              .asRuntimeException(WalletErrors.trailers(ErrorCode.CALLER_NOT_AUTHORIZED)));
      return;
    }
    T value;
    try {
      value = call.get();
    } catch (CroupierException e) {
      out.onError(status(e.code(), e.getMessage()));
      return;
    } catch (RuntimeException e) {
      log.error("staff identity call failed", e);
      out.onError(status(ErrorCode.INTERNAL, ErrorCode.INTERNAL.description()));
      return;
    }
    out.onNext(value);
    out.onCompleted();
  }

  private static StatusRuntimeException status(ErrorCode code, String message) {
    Status s =
        switch (code.kind()) {
          case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
          case NOT_FOUND -> Status.NOT_FOUND;
          case CONFLICT -> Status.ALREADY_EXISTS;
          case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
          case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
          case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
          case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
          case UNAVAILABLE -> Status.UNAVAILABLE;
          case INTERNAL -> Status.INTERNAL;
        };
    return s.withDescription(code.name() + ": " + message)
        .asRuntimeException(WalletErrors.trailers(code));
  }

  private static StaffPlayers.StaffRequest by(ChangePlayerRequest r) {
    UUID staff;
    try {
      staff = UUID.fromString(r.getStaffId());
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "staff_id: a UUID");
    }
    return new StaffPlayers.StaffRequest(staff, r.getRequestId(), r.getReason());
  }

  private static UUID user(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "user_id: a UUID");
    }
  }

  private static Player player(StaffPlayers.Player p) {
    Player.Builder b =
        Player.newBuilder()
            .setUserId(p.userId().toString())
            .setEmail(p.email())
            .setDisplayName(p.displayName())
            .setStatus(p.locked() ? "LOCKED" : "ACTIVE")
            .addAllRoles(p.roles())
            .setCreatedAt(ts(p.createdAt()))
            .setWalletReady(p.walletReady())
            .addAllLinkedProviders(p.providers());
    p.lastSignInAt().ifPresent(t -> b.setLastSignInAt(ts(t)));
    return b.build();
  }

  private static String token(StaffPlayers.Cursor c) {
    String raw = c.createdAt().toString() + "|" + c.userId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<StaffPlayers.Cursor> cursor(String token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      return Optional.of(
          new StaffPlayers.Cursor(
              Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1))));
    } catch (RuntimeException e) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "page_token: not one this API gave");
    }
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
