package dev.croupier.games.rng;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.games.api.RoundSeed;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the published test vectors, which an independent Python implementation wrote from the
 * algorithm's description ({@code game-plugins/api/tools/fair_rng_reference.py}).
 */
class FairRngTestVectorsTest {

  static Stream<JsonNode> cases() throws Exception {
    try (InputStream in = FairRngTestVectorsTest.class.getResourceAsStream("test-vectors.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> cases = new ArrayList<>();
      root.get("cases").forEach(cases::add);
      assertThat(cases).hasSize(3);
      return cases.stream();
    }
  }

  private static RoundSeed seed(JsonNode c) {
    return new RoundSeed(
        c.get("serverSeed").asText(), c.get("clientSeed").asText(), c.get("nonce").asLong());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void commitmentIsSha256OfTheSeedBytes(JsonNode c) {
    ServerSeed seed = new ServerSeed(c.get("serverSeed").asText());

    assertThat(seed.commitment().sha256Hex()).isEqualTo(c.get("commitment").asText());
    assertThat(Verifier.commitmentMatches(seed.hex(), c.get("commitment").asText())).isTrue();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void blocksAreHmacOfClientSeedNonceAndCursor(JsonNode c) {
    assertThat(Hex.encode(FairRng.block(seed(c), 0))).isEqualTo(c.get("blocks").get(0).asText());
    assertThat(Hex.encode(FairRng.block(seed(c), 1))).isEqualTo(c.get("blocks").get(1).asText());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void blocksEqualTheJdkHmacForLongClientSeedsAndCursorsPastNine(JsonNode c) throws Exception {
    // FairRng computes the HMAC by hand: the JDK's Mac is the reference, on the paths the vectors
    // miss (a client seed that makes the message longer than one SHA-256 block, cursors >= 10).
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Hex.decode(c.get("serverSeed").asText()), "HmacSHA256"));
    for (String clientSeed : List.of("a", c.get("clientSeed").asText(), "x".repeat(64))) {
      RoundSeed seed = new RoundSeed(c.get("serverSeed").asText(), clientSeed, 1234567890123L);
      for (int cursor : new int[] {0, 9, 10, 11, 123}) {
        byte[] expected =
            mac.doFinal(
                (clientSeed + ":" + seed.nonce() + ":" + cursor).getBytes(StandardCharsets.UTF_8));
        assertThat(Hex.encode(FairRng.block(seed, cursor)))
            .as("client seed of %d characters, cursor %d", clientSeed.length(), cursor)
            .isEqualTo(Hex.encode(expected));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rawDrawsReadTheBlocksAsBigEndianUnsignedInts(JsonNode c) {
    FairRng rng = FairRng.forRound(seed(c));
    for (JsonNode expected : c.get("raw")) {
      assertThat(rng.nextRaw()).isEqualTo(expected.asLong());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void boundedDrawsUseRejectionSampling(JsonNode c) {
    for (JsonNode draws : c.get("draws")) {
      FairRng rng = FairRng.forRound(seed(c));
      long bound = draws.get("bound").asLong();
      for (JsonNode expected : draws.get("values")) {
        assertThat(rng.nextLong(bound)).as("bound %d", bound).isEqualTo(expected.asLong());
      }
      assertThat(rng.blocksUsed()).as("bound %d", bound).isEqualTo(draws.get("blocksUsed").asInt());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void deckShuffleIsFisherYatesFromTheTop(JsonNode c) {
    int[] expected = new int[52];
    for (int i = 0; i < 52; i++) {
      expected[i] = c.get("permutation52").get(i).asInt();
    }

    assertThat(FairRng.forRound(seed(c)).permutation(52)).containsExactly(expected);
    List<Integer> deck = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      deck.add(i);
    }
    FairRng.forRound(seed(c)).shuffle(deck);
    assertThat(deck)
        .containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Integer[]::new));
  }
}
