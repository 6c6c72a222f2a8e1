package dev.croupier.gateway.identity;

import static dev.croupier.gateway.identity.TestGateway.PASSWORD;
import static dev.croupier.gateway.identity.TestGateway.randomIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.api.identity.v1.ChangePlayerRequest;
import dev.croupier.api.identity.v1.GetPlayerRequest;
import dev.croupier.api.identity.v1.ListLoginEventsRequest;
import dev.croupier.api.identity.v1.Player;
import dev.croupier.api.identity.v1.SearchPlayersRequest;
import dev.croupier.api.identity.v1.SearchPlayersResponse;
import dev.croupier.api.identity.v1.StaffIdentityGrpc;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.staff.StaffIdentityServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The identity context's staff API, as the back office calls it: over mutual TLS, to the admin
 * service only; free-text search over the players, their sign-ins, and locks and sign-outs that
 * take effect on the player's tokens at once.
 */
@ExtendWith(PostgresExtension.class)
class StaffIdentityApiTest {
  private static TestGateway gateway;
  private static final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeAll
  static void start(PostgresDatabase db) {
    gateway = TestGateway.start(db, Map.of());
  }

  @AfterAll
  static void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    gateway.close();
  }

  private static StaffIdentityGrpc.StaffIdentityBlockingStub as(String service) {
    int port = gateway.context.getBean(StaffIdentityServer.class).port();
    ManagedChannel c = gateway.wallet.tls(service).walletChannel("127.0.0.1:" + port);
    channels.add(c);
    return StaffIdentityGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Test
  void onlyTheAdminServiceMayCall() {
    assertThat(gateway.context.getBean(StaffIdentityServer.class).port()).isPositive();
    for (String other : List.of("api-gateway", "workers", "realtime")) {
      StatusRuntimeException e =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  as(other)
                      .searchPlayers(SearchPlayersRequest.newBuilder().setQuery("anyone").build()));
      assertThat(e.getStatus().getCode()).as(other).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.CALLER_NOT_AUTHORIZED);
    }
    int port = gateway.context.getBean(StaffIdentityServer.class).port();
    ManagedChannel plain =
        NettyChannelBuilder.forTarget("127.0.0.1:" + port).usePlaintext().build();
    channels.add(plain);
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                StaffIdentityGrpc.newBlockingStub(plain)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .searchPlayers(SearchPlayersRequest.newBuilder().setQuery("anyone").build()));
    assertThat(e.getStatus().getCode()).as("plaintext").isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void playersAreFoundByEmailNameOrIdAndPagedWithoutRepeats() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(gateway.register("finder" + i + "-" + tag + "@example.com", "Seeker" + tag + i));
    }
    var admin = as("admin");
    SearchPlayersResponse byEmail =
        admin.searchPlayers(SearchPlayersRequest.newBuilder().setQuery("FINDER3-" + tag).build());
    assertThat(byEmail.getPlayersList()).extracting(Player::getUserId).containsExactly(ids.get(3));
    assertThat(byEmail.getNextPageToken()).isEmpty();
    SearchPlayersResponse byName =
        admin.searchPlayers(
            SearchPlayersRequest.newBuilder().setQuery("seeker" + tag + "5").build());
    assertThat(byName.getPlayersList()).extracting(Player::getUserId).containsExactly(ids.get(5));
    assertThat(
            admin
                .searchPlayers(SearchPlayersRequest.newBuilder().setQuery(ids.get(6)).build())
                .getPlayers(0)
                .getEmail())
        .isEqualTo("finder6-" + tag + "@example.com");

    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      SearchPlayersResponse page =
          admin.searchPlayers(
              SearchPlayersRequest.newBuilder()
                  .setQuery(tag)
                  .setPageSize(3)
                  .setPageToken(token)
                  .build());
      page.getPlayersList().forEach(p -> seen.add(p.getUserId()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    assertThat(seen).as("newest first").startsWith(ids.get(6));

    assertThat(
            admin
                .searchPlayers(SearchPlayersRequest.newBuilder().setQuery("%%%").build())
                .getPlayersCount())
        .as("wildcards match themselves, not everyone")
        .isZero();
    for (SearchPlayersRequest bad :
        List.of(
            SearchPlayersRequest.newBuilder().setQuery("ab").build(),
            SearchPlayersRequest.newBuilder().setQuery(tag).setPageSize(51).build(),
            SearchPlayersRequest.newBuilder().setQuery(tag).setPageToken("forged").build())) {
      StatusRuntimeException e =
          catchThrowableOfType(StatusRuntimeException.class, () -> admin.searchPlayers(bad));
      assertThat(WalletErrors.codeOf(e)).as(bad.toString()).contains(ErrorCode.VALIDATION_FAILED);
    }
  }

  @Test
  void aPlayersProfileAndSignInsAreReadable() {
    String email = "profile-" + UUID.randomUUID() + "@example.com";
    String id = gateway.register(email, "Profiled");
    gateway.login(email, "wrong password!", randomIp());
    assertThat(gateway.login(email, PASSWORD, randomIp()).status()).isEqualTo(200);
    var admin = as("admin");
    Player p = admin.getPlayer(GetPlayerRequest.newBuilder().setUserId(id).build());
    assertThat(p.getEmail()).isEqualTo(email);
    assertThat(p.getStatus()).isEqualTo("ACTIVE");
    assertThat(p.hasLastSignInAt()).isTrue();
    assertThat(
            admin
                .listLoginEvents(ListLoginEventsRequest.newBuilder().setUserId(id).build())
                .getEventsList())
        .extracting(e -> e.getOutcome())
        .containsSubsequence("SUCCESS", "FAILURE");
    StatusRuntimeException unknown =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                admin.getPlayer(
                    GetPlayerRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
    assertThat(WalletErrors.codeOf(unknown)).contains(ErrorCode.UNKNOWN_PLAYER);
    StatusRuntimeException malformed =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> admin.getPlayer(GetPlayerRequest.newBuilder().setUserId("nobody").build()));
    assertThat(WalletErrors.codeOf(malformed)).contains(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void aLockRefusesThePlayersTokensAndSignInsUntilUnlocked() {
    String email = "locked-" + UUID.randomUUID() + "@example.com";
    String id = gateway.register(email, "Lockable");
    var session = gateway.login(email, PASSWORD, randomIp()).json();
    String access = session.get("accessToken").asString();
    assertThat(gateway.get("/auth/me", access).status()).isEqualTo(200);

    Player locked = as("admin").lockPlayer(change(id, "chargeback investigation"));
    assertThat(locked.getStatus()).isEqualTo("LOCKED");
    assertThat(gateway.get("/auth/me", access).status()).as("the live token").isEqualTo(401);
    assertThat(gateway.login(email, PASSWORD, randomIp()).status()).isEqualTo(403);
    assertThat(
            gateway
                .post(
                    "/auth/refresh",
                    Map.of("refreshToken", session.get("refreshToken").asString()),
                    randomIp())
                .status())
        .isEqualTo(401);

    assertThat(as("admin").unlockPlayer(change(id, "investigation closed")).getStatus())
        .isEqualTo("ACTIVE");
    assertThat(gateway.login(email, PASSWORD, randomIp()).status()).isEqualTo(200);
    assertThat(
            gateway.count(
                "select count(*) from identity.staff_actions where user_id = ?::uuid", id))
        .isEqualTo(2);
  }

  @Test
  void aSignOutEndsEveryTokenButTheNextSignInWorks() {
    String email = "signout-" + UUID.randomUUID() + "@example.com";
    String id = gateway.register(email, "SignedOut");
    var first = gateway.login(email, PASSWORD, randomIp()).json();
    var second = gateway.login(email, PASSWORD, randomIp()).json();
    // Tokens carry their issue time in whole seconds: sign out in a later second than the sign-ins.
    nextSecond();
    int revoked =
        as("admin").signOutPlayer(change(id, "player asked us to")).getRefreshTokensRevoked();
    assertThat(revoked).isEqualTo(2);
    for (var s : List.of(first, second)) {
      assertThat(gateway.get("/auth/me", s.get("accessToken").asString()).status()).isEqualTo(401);
    }
    nextSecond();
    var again = gateway.login(email, PASSWORD, randomIp());
    assertThat(again.status()).isEqualTo(200);
    assertThat(gateway.get("/auth/me", again.json().get("accessToken").asString()).status())
        .isEqualTo(200);

    StatusRuntimeException reasonless =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> as("admin").signOutPlayer(change(id, "no")));
    assertThat(WalletErrors.codeOf(reasonless)).contains(ErrorCode.VALIDATION_FAILED);
  }

  private static void nextSecond() {
    long now = java.time.Instant.now().getEpochSecond();
    org.awaitility.Awaitility.await()
        .pollInterval(java.time.Duration.ofMillis(50))
        .until(() -> java.time.Instant.now().getEpochSecond() > now);
  }

  private static ChangePlayerRequest change(String userId, String reason) {
    return ChangePlayerRequest.newBuilder()
        .setUserId(userId)
        .setReason(reason)
        .setStaffId(UUID.randomUUID().toString())
        .setRequestId(UUID.randomUUID().toString())
        .build();
  }
}
