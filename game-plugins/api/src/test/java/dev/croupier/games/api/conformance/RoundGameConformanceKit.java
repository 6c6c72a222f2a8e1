package dev.croupier.games.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Posting;
import dev.croupier.games.api.PostingKind;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Volatility;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.Verifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit: every game plugin's test extends this class and supplies {@link
 * #newPlugin()}. It checks the {@link RoundGame} contract through the public API only: determinism,
 * idempotent retries, bet limits and error codes, state serialisation through Jackson (as
 * Temporal's data converter does it), discovery by {@link java.util.ServiceLoader}, and the
 * declared RTP and hit frequency by simulation.
 *
 * <p>Every random input is fixed, so a run is reproducible and never flaky. Consumers need
 * junit-jupiter, assertj-core and jackson-databind on their test class path.
 */
public abstract class RoundGameConformanceKit {
  /** The server seed of every kit session: fixed, so that each run draws the same rounds. */
  protected static final String SERVER_SEED =
      "5f1c0e2a9b7d4c3e8a6f0b1d2c4e6a8b9d0f1e2a3b4c5d6e7f8091a2b3c4d5e6";

  /** The client seed of every kit session. */
  protected static final String CLIENT_SEED = "conformance-kit";

  private static final UUID SESSION = UUID.fromString("0190a000-0000-7000-8000-000000000001");
  private static final UUID USER = UUID.fromString("0190a000-0000-7000-8000-000000000002");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RoundGame plugin;
  private GameDescriptor descriptor;

  /** A new instance of the plugin under test, as its provider creates it. */
  protected abstract RoundGame newPlugin();

  /**
   * Rounds to simulate for the RTP check. The tolerance is four standard errors of the measured
   * per-round return, so a plugin whose math is wrong by more than that fails.
   */
  protected long simulatedRounds() {
    return 200_000;
  }

  /** The wager of the kit's rounds; the minimum bet unless overridden. */
  protected Wager typicalWager() {
    return new Wager(descriptor.minBet(), descriptor.currency());
  }

  @BeforeEach
  void createPlugin() {
    plugin = newPlugin();
    descriptor = plugin.descriptor();
  }

  // ---- Descriptor and discovery.

  @Test
  void descriptorDeclaresConsistentLimitsAndMath() {
    assertThat(descriptor.currency()).isEqualTo(Wager.COIN);
    assertThat(descriptor.minBet()).isPositive().isLessThanOrEqualTo(descriptor.maxBet());
    assertThat(descriptor.maxBet() % descriptor.betStep()).isZero();
    assertThat(descriptor.math().baseRtp()).isBetween(0.80, 1.0);
    assertThat(descriptor.math().totalRtp()).isLessThan(1.0);
    assertThat(descriptor.math().jackpotRtp())
        .isCloseTo(descriptor.jackpotContributionBps() / 10_000.0, within(1e-12));
    assertThat(descriptor.math().volatility())
        .isEqualTo(Volatility.of(descriptor.math().stdDevPerRound()));
    // Every allowed stake has an exact jackpot contribution.
    assertThat(descriptor.betStep() * descriptor.jackpotContributionBps() % 10_000).isZero();
  }

  @Test
  void registryFindsThePluginThroughServiceLoader() {
    GameRegistry registry = GameRegistry.load(getClass().getClassLoader());
    GameRef ref = descriptor.ref();

    assertThat(registry.find(ref).descriptor()).isEqualTo(descriptor);
    assertThat(registry.find(ref).getClass()).isEqualTo(plugin.getClass());
    assertError(
        () -> registry.find(new GameRef(ref.gameId(), "999.0.0")), ErrorCode.UNKNOWN_GAME_VERSION);
    assertError(() -> registry.find(new GameRef("no-such-game", "1.0.0")), ErrorCode.UNKNOWN_GAME);
  }

  // ---- Sessions.

  @Test
  void initSessionStartsAtRoundZeroOnTheRequestedVersion() {
    SessionStarted started = start();

    assertThat(started.sessionId()).isEqualTo(SESSION);
    assertThat(started.state().userId()).isEqualTo(USER);
    assertThat(started.state().game()).isEqualTo(descriptor.ref());
    assertThat(started.state().round()).isZero();
    assertThat(started.descriptor()).isEqualTo(descriptor);
  }

  @Test
  void initSessionRejectsAnotherGameOrVersion() {
    GameRef ref = descriptor.ref();

    assertError(
        () -> plugin.initSession(SESSION, USER, new GameRef("no-such-game", ref.version()), opts()),
        ErrorCode.UNKNOWN_GAME);
    assertError(
        () -> plugin.initSession(SESSION, USER, new GameRef(ref.gameId(), "999.0.0"), opts()),
        ErrorCode.UNKNOWN_GAME_VERSION);
  }

  // ---- Determinism and idempotency.

  @Test
  void sameStateWagerAndSeedGiveEqualResultsAcrossInstances() {
    List<RoundResult> first = playRounds(plugin, 50);
    List<RoundResult> second = playRounds(newPlugin(), 50);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void outcomesDependOnTheDraws() {
    Set<Map<String, Object>> outcomes = new HashSet<>();
    for (RoundResult result : playRounds(plugin, 50)) {
      outcomes.add(result.outcome());
    }

    assertThat(outcomes).hasSizeGreaterThan(1);
  }

  @Test
  void retriedCallsReturnEqualResults() {
    SessionState state = start().state();
    BetPlaced bet = plugin.placeBet(state, typicalWager(), meta());

    assertThat(plugin.placeBet(state, typicalWager(), meta())).isEqualTo(bet);
    RoundResult result = plugin.settle(bet.state(), seed(bet.round()));
    assertThat(plugin.settle(bet.state(), seed(bet.round()))).isEqualTo(result);
  }

  // ---- Postings.

  @Test
  void placeBetOpensTheNextRoundAndPostsStakeAndContribution() {
    SessionState state = start().state();
    Wager wager = typicalWager();

    BetPlaced bet = plugin.placeBet(state, wager, meta());

    assertThat(bet.round()).isEqualTo(1);
    assertThat(bet.state().round()).isEqualTo(1);
    assertThat(bet.txRef()).isEqualTo("session-" + SESSION + "/round-1");
    assertThat(bet.wager()).isEqualTo(wager);
    List<Posting> expected = new ArrayList<>();
    expected.add(new Posting(PostingKind.STAKE, wager.amount(), wager.currency()));
    long contribution = descriptor.jackpotContribution(wager.amount());
    if (contribution > 0) {
      expected.add(new Posting(PostingKind.JACKPOT_CONTRIBUTION, contribution, wager.currency()));
    }
    assertThat(bet.postings()).containsExactlyElementsOf(expected);
  }

  @Test
  void settleClosesTheRoundAndPostsExactlyTheWin() {
    for (RoundResult result : playRounds(plugin, 200)) {
      assertThat(result.txRef()).isEqualTo("session-" + SESSION + "/round-" + result.round());
      assertThat(result.state().round()).isEqualTo(result.round());
      assertThat(result.stake()).isEqualTo(typicalWager().amount());
      List<Posting> expected =
          result.totalWin() > 0
              ? List.of(new Posting(PostingKind.WIN, result.totalWin(), descriptor.currency()))
              : List.of();
      assertThat(result.postings()).isEqualTo(expected);
      assertThat(result.postings()).extracting(Posting::kind).doesNotContain(PostingKind.STAKE);
    }
  }

  // ---- Bad wagers.

  @Test
  void stakeBelowTheMinimumIsRejected() {
    SessionState state = start().state();
    assertError(
        () -> plugin.placeBet(state, new Wager(descriptor.minBet() - 1, Wager.COIN), meta()),
        ErrorCode.BET_BELOW_MINIMUM);
    assertError(
        () -> plugin.placeBet(state, new Wager(0, Wager.COIN), meta()),
        ErrorCode.BET_BELOW_MINIMUM);
  }

  @Test
  void stakeAboveTheMaximumIsRejected() {
    SessionState state = start().state();
    long above = descriptor.maxBet() + descriptor.betStep();
    assertError(
        () -> plugin.placeBet(state, new Wager(above, Wager.COIN), meta()),
        ErrorCode.BET_ABOVE_MAXIMUM);
    assertError(
        () -> plugin.placeBet(state, new Wager(Long.MAX_VALUE, Wager.COIN), meta()),
        ErrorCode.BET_ABOVE_MAXIMUM);
  }

  @Test
  void stakeInAnotherCurrencyIsRejected() {
    SessionState state = start().state();
    long amount = typicalWager().amount();
    assertError(
        () -> plugin.placeBet(state, new Wager(amount, Wager.CASH), meta()),
        ErrorCode.WRONG_CURRENCY);
    assertError(
        () -> plugin.placeBet(state, new Wager(amount, "USD"), meta()), ErrorCode.WRONG_CURRENCY);
  }

  @Test
  void negativeOrOffStepStakeIsInvalid() {
    SessionState state = start().state();
    assertError(
        () -> plugin.placeBet(state, new Wager(-descriptor.minBet(), Wager.COIN), meta()),
        ErrorCode.INVALID_WAGER);
    if (descriptor.betStep() > 1) {
      assertError(
          () -> plugin.placeBet(state, new Wager(descriptor.minBet() + 1, Wager.COIN), meta()),
          ErrorCode.INVALID_WAGER);
    }
  }

  @Test
  void nonIntegerOrOverflowingAmountIsInvalid() {
    for (Object amount :
        List.of(1.5, "1.5", "12abc", "99999999999999999999", 1e19, Double.NaN, new Object())) {
      assertError(() -> Wager.parse(amount, Wager.COIN), ErrorCode.INVALID_WAGER);
    }
    assertThat(Wager.parse(descriptor.minBet(), Wager.COIN).amount())
        .isEqualTo(descriptor.minBet());
  }

  // ---- Illegal actions and foreign states.

  @Test
  void secondBetWhileARoundIsOpenIsRejected() {
    BetPlaced bet = plugin.placeBet(start().state(), typicalWager(), meta());
    assertError(
        () -> plugin.placeBet(bet.state(), typicalWager(), meta()), ErrorCode.ROUND_IN_PROGRESS);
  }

  @Test
  void settleWithoutAnOpenRoundIsIllegal() {
    SessionState state = start().state();
    assertError(() -> plugin.settle(state, seed(1)), ErrorCode.ILLEGAL_ACTION);
  }

  @Test
  void settleWithAnotherRoundsNonceIsIllegal() {
    BetPlaced bet = plugin.placeBet(start().state(), typicalWager(), meta());
    assertError(() -> plugin.settle(bet.state(), seed(bet.round() + 1)), ErrorCode.ILLEGAL_ACTION);
  }

  @Test
  void stateOfAnotherGameOrVersionIsRejected() {
    SessionState state = start().state();
    GameRef ref = descriptor.ref();
    SessionState otherVersion =
        new SessionState(
            state.sessionId(),
            state.userId(),
            new GameRef(ref.gameId(), "999.0.0"),
            0,
            state.gameState());
    SessionState otherGame =
        new SessionState(
            state.sessionId(),
            state.userId(),
            new GameRef("no-such-game", ref.version()),
            0,
            state.gameState());

    assertError(
        () -> plugin.placeBet(otherVersion, typicalWager(), meta()),
        ErrorCode.UNKNOWN_GAME_VERSION);
    assertError(() -> plugin.placeBet(otherGame, typicalWager(), meta()), ErrorCode.UNKNOWN_GAME);
  }

  @Test
  void unreadableStateIsRejected() {
    SessionState state = start().state();
    SessionState garbage = state.next(state.round(), "\u0000 not a state");
    assertError(() -> plugin.placeBet(garbage, typicalWager(), meta()), ErrorCode.INVALID_STATE);
    assertError(() -> plugin.settle(garbage, seed(1)), ErrorCode.INVALID_STATE);
  }

  // ---- Serialisation.

  @Test
  void everyResultSurvivesAJsonRoundTrip() throws Exception {
    SessionStarted started = start();
    assertThat(roundTrip(started, SessionStarted.class)).isEqualTo(started);
    SessionState state = started.state();
    for (int i = 0; i < 20; i++) {
      BetPlaced bet = plugin.placeBet(state, typicalWager(), meta());
      assertThat(roundTrip(bet, BetPlaced.class)).isEqualTo(bet);
      // Continue from the deserialised state, as a workflow does after a restart.
      SessionState open = roundTrip(bet.state(), SessionState.class);
      RoundResult result = plugin.settle(open, seed(bet.round()));
      RoundResult copy = roundTrip(result, RoundResult.class);
      // JSON readers turn small longs into ints, so outcomes are compared as JSON.
      assertThat(JSON.writeValueAsString(copy)).isEqualTo(JSON.writeValueAsString(result));
      assertThat(copy.state()).isEqualTo(result.state());
      assertThat(copy.postings()).isEqualTo(result.postings());
      state = copy.state();
    }
    assertThat(state).isEqualTo(playRounds(plugin, 20).getLast().state());
  }

  // ---- Verification and math.

  @Test
  void verifierReplaysEveryRoundFromItsSeeds() {
    if (descriptor.kind() != GameKind.SINGLE_PLAYER_ROUND) {
      return;
    }
    GameRegistry registry = GameRegistry.of(List.of(plugin));
    for (RoundResult result : playRounds(plugin, 20)) {
      RoundResult replayed =
          Verifier.replay(registry, descriptor.ref(), typicalWager(), seed(result.round()));
      assertThat(replayed.outcome()).isEqualTo(result.outcome());
      assertThat(replayed.totalWin()).isEqualTo(result.totalWin());
      assertThat(replayed.jackpotHit()).isEqualTo(result.jackpotHit());
    }
  }

  @Test
  void simulatedRtpAndHitFrequencyMatchTheDeclaredMath() {
    long rounds = simulatedRounds();
    SessionState state = start().state();
    Wager wager = typicalWager();
    double sum = 0;
    double sumOfSquares = 0;
    long hits = 0;
    for (long n = 1; n <= rounds; n++) {
      BetPlaced bet = plugin.placeBet(state, wager, meta());
      RoundResult result = plugin.settle(bet.state(), seed(bet.round()));
      double ret = (double) result.totalWin() / wager.amount();
      sum += ret;
      sumOfSquares += ret * ret;
      if (result.totalWin() > 0 || result.jackpotHit()) {
        hits++;
      }
      state = result.state();
    }
    double rtp = sum / rounds;
    double sd = Math.sqrt(sumOfSquares / rounds - rtp * rtp);
    double hitFrequency = (double) hits / rounds;
    double declaredHits = descriptor.math().hitFrequency();

    assertThat(rtp)
        .as("simulated RTP over %d rounds, sd per round %.4f", rounds, sd)
        .isCloseTo(descriptor.math().baseRtp(), within(4 * sd / Math.sqrt(rounds)));
    assertThat(hitFrequency)
        .isCloseTo(declaredHits, within(4 * Math.sqrt(declaredHits * (1 - declaredHits) / rounds)));
    // The declared sd is a property of the math too; a simulation this size pins it within 10%.
    assertThat(sd).isCloseTo(descriptor.math().stdDevPerRound(), within(0.1 * sd));
  }

  // ---- Helpers for subclasses.

  /** The plugin under test, created fresh for each test. */
  protected final RoundGame plugin() {
    return plugin;
  }

  /** The kit's seed for round {@code nonce}. */
  protected static RoundSeed seed(long nonce) {
    return new RoundSeed(SERVER_SEED, CLIENT_SEED, nonce);
  }

  /** Plays {@code rounds} rounds of {@link #typicalWager()} in one kit session. */
  protected final List<RoundResult> playRounds(RoundGame game, int rounds) {
    SessionState state = game.initSession(SESSION, USER, game.descriptor().ref(), opts()).state();
    List<RoundResult> results = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      BetPlaced bet = game.placeBet(state, typicalWager(), meta());
      RoundResult result = game.settle(bet.state(), seed(bet.round()));
      results.add(result);
      state = result.state();
    }
    return results;
  }

  private SessionStarted start() {
    return plugin.initSession(SESSION, USER, descriptor.ref(), opts());
  }

  private static Map<String, Object> opts() {
    return Map.of();
  }

  private static Map<String, Object> meta() {
    return Map.of("requestId", "kit");
  }

  private static <T> T roundTrip(T value, Class<T> type) throws Exception {
    return JSON.readValue(JSON.writeValueAsString(value), type);
  }

  /** Asserts that a call fails with a {@link CroupierException} carrying {@code code}. */
  protected static void assertError(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(code);
  }
}
