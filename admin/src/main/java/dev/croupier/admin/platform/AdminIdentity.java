package dev.croupier.admin.platform;

import com.google.protobuf.Timestamp;
import dev.croupier.api.identity.v1.ChangePlayerRequest;
import dev.croupier.api.identity.v1.GetPlayerRequest;
import dev.croupier.api.identity.v1.ListLoginEventsRequest;
import dev.croupier.api.identity.v1.Player;
import dev.croupier.api.identity.v1.SearchPlayersRequest;
import dev.croupier.api.identity.v1.SearchPlayersResponse;
import dev.croupier.api.identity.v1.StaffIdentityGrpc;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The identity context as the back office reaches it: the gateway's StaffIdentity API over mutual
 * TLS as {@code admin}. Admin never reads schema {@code identity} itself. Our records at the edge;
 * a refusal is a {@link CroupierException} with identity's code, an unreachable service {@code
 * UNAVAILABLE}.
 */
public final class AdminIdentity {

  /**
   * A player as staff see them.
   *
   * @param status {@code ACTIVE} or {@code LOCKED}
   */
  public record PlayerProfile(
      UUID userId,
      String email,
      String displayName,
      String status,
      List<String> roles,
      Instant createdAt,
      boolean walletReady,
      Optional<Instant> lastSignInAt,
      List<String> linkedProviders) {

    public boolean locked() {
      return "LOCKED".equals(status);
    }
  }

  /** One page of a search, and the token of the next (empty on the last page). */
  public record Page(List<PlayerProfile> players, String nextPageToken) {}

  /** One sign-in attempt. */
  public record Login(Instant at, String ip, String method, String outcome) {}

  private final LazyChannel channel;
  private final Duration deadline;

  AdminIdentity(LazyChannel channel, Duration deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  /** Players matching {@code query} (a user id, or 3+ characters of an email or name). */
  public Page search(String query, String pageToken, int pageSize) {
    SearchPlayersResponse r =
        call(
            () ->
                stub()
                    .searchPlayers(
                        SearchPlayersRequest.newBuilder()
                            .setQuery(query)
                            .setPageToken(pageToken == null ? "" : pageToken)
                            .setPageSize(pageSize)
                            .build()));
    return new Page(
        r.getPlayersList().stream().map(AdminIdentity::profile).toList(), r.getNextPageToken());
  }

  /** One player, or empty when there is none. */
  public Optional<PlayerProfile> player(UUID userId) {
    try {
      return Optional.of(
          profile(
              call(
                  () ->
                      stub()
                          .getPlayer(
                              GetPlayerRequest.newBuilder()
                                  .setUserId(userId.toString())
                                  .build()))));
    } catch (CroupierException e) {
      if (e.code() == ErrorCode.UNKNOWN_PLAYER) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The player's latest sign-ins, newest first. */
  public List<Login> logins(UUID userId, int limit) {
    return call(
            () ->
                stub()
                    .listLoginEvents(
                        ListLoginEventsRequest.newBuilder()
                            .setUserId(userId.toString())
                            .setLimit(limit)
                            .build()))
        .getEventsList()
        .stream()
        .map(e -> new Login(instant(e.getAt()), e.getIp(), e.getMethod(), e.getOutcome()))
        .toList();
  }

  /** Locks or unlocks the player; returns them as they are now. */
  public PlayerProfile lock(
      UUID userId, boolean locked, UUID staffId, String requestId, String reason) {
    ChangePlayerRequest r = change(userId, staffId, requestId, reason);
    return profile(call(() -> locked ? stub().lockPlayer(r) : stub().unlockPlayer(r)));
  }

  /** Signs the player out everywhere; returns the refresh tokens revoked. */
  public int signOut(UUID userId, UUID staffId, String requestId, String reason) {
    return call(() -> stub().signOutPlayer(change(userId, staffId, requestId, reason)))
        .getRefreshTokensRevoked();
  }

  /** Closes the channel, if one was opened. */
  public void close() {
    channel.close();
  }

  private StaffIdentityGrpc.StaffIdentityBlockingStub stub() {
    return StaffIdentityGrpc.newBlockingStub(channel.get())
        .withWaitForReady()
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ChangePlayerRequest change(
      UUID userId, UUID staffId, String requestId, String reason) {
    return ChangePlayerRequest.newBuilder()
        .setUserId(userId.toString())
        .setStaffId(staffId.toString())
        .setRequestId(requestId)
        .setReason(reason)
        .build();
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      ErrorCode code = WalletErrors.codeOf(e).orElse(ErrorCode.UNAVAILABLE);
      throw new CroupierException(
          code, "identity: " + code.description() + " (" + e.getStatus().getCode() + ")");
    }
  }

  private static PlayerProfile profile(Player p) {
    return new PlayerProfile(
        UUID.fromString(p.getUserId()),
        p.getEmail(),
        p.getDisplayName(),
        p.getStatus(),
        p.getRolesList(),
        instant(p.getCreatedAt()),
        p.getWalletReady(),
        p.hasLastSignInAt() ? Optional.of(instant(p.getLastSignInAt())) : Optional.empty(),
        p.getLinkedProvidersList());
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
