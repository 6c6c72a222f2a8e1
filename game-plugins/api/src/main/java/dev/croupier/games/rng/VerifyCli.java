package dev.croupier.games.rng;

import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Posting;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.Wager;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The command-line verifier. With the game jars on the class path it replays a round; without a
 * game it prints raw draws, which any game's rules can be checked against.
 *
 * <pre>
 * verify --server-seed HEX [--commitment HEX] --client-seed TEXT --nonce N
 *        ( --game ID@VERSION --bet AMOUNT [--currency COIN]
 *        | --range N [--count K] )
 * </pre>
 *
 * <p>Exit status: 0 when every check passed, 1 when the commitment does not match, 2 on bad usage
 * or an unknown game.
 */
public final class VerifyCli {
  static final String USAGE =
      """
      usage: verify --server-seed HEX [--commitment HEX] --client-seed TEXT --nonce N
                    ( --game ID@VERSION --bet AMOUNT [--currency COIN]
                    | --range N [--count K] )
      """;

  private final PrintStream out;
  private final GameRegistry registry;

  VerifyCli(PrintStream out, GameRegistry registry) {
    this.out = out;
    this.registry = registry;
  }

  /** Runs the verifier on the JVM's standard output with the games on the class path. */
  public static void main(String[] args) {
    GameRegistry registry = GameRegistry.load(VerifyCli.class.getClassLoader());
    System.exit(new VerifyCli(System.out, registry).run(args));
  }

  int run(String[] args) {
    Map<String, String> options;
    RoundSeed seed;
    try {
      options = parse(args);
      seed =
          new RoundSeed(
              required(options, "server-seed"),
              required(options, "client-seed"),
              Long.parseLong(required(options, "nonce")));
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.print(USAGE);
      return 2;
    }
    boolean committed = true;
    String commitment = options.get("commitment");
    if (commitment != null) {
      committed = commitmentMatches(seed.serverSeed(), commitment);
      out.println(
          "commitment  "
              + (committed ? "OK" : "MISMATCH")
              + " sha256(server seed) = "
              + new ServerSeed(seed.serverSeed()).commitment().sha256Hex());
    }
    try {
      if (options.containsKey("game")) {
        printRound(options, seed);
      } else {
        printDraws(options, seed);
      }
    } catch (CroupierException e) {
      out.println("error: " + e.code() + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.print(USAGE);
      return 2;
    }
    return committed ? 0 : 1;
  }

  private boolean commitmentMatches(String serverSeed, String commitment) {
    try {
      return Verifier.commitmentMatches(serverSeed, commitment);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void printRound(Map<String, String> options, RoundSeed seed) {
    GameRef game = GameRef.parse(options.get("game"));
    Wager wager = Wager.parse(required(options, "bet"), options.getOrDefault("currency", "COIN"));
    RoundResult result = Verifier.replay(registry, game, wager, seed);
    out.println("game        " + game);
    out.println("nonce       " + seed.nonce());
    out.println("client seed " + seed.clientSeed());
    out.println("stake       " + result.stake() + " " + wager.currency());
    out.println("total win   " + result.totalWin() + " " + wager.currency());
    out.println("jackpot hit " + result.jackpotHit());
    StringJoiner postings = new StringJoiner(", ");
    for (Posting p : result.postings()) {
      postings.add(p.kind() + " " + p.amount());
    }
    out.println("postings    " + postings);
    out.println("outcome     " + Json.write(result.outcome()));
  }

  private void printDraws(Map<String, String> options, RoundSeed seed) {
    long range = Long.parseLong(required(options, "range"));
    int count = Integer.parseInt(options.getOrDefault("count", "10"));
    FairRng rng = FairRng.forRound(seed);
    StringJoiner draws = new StringJoiner(" ");
    for (int i = 0; i < count; i++) {
      draws.add(Long.toString(rng.nextLong(range)));
    }
    out.println("nonce       " + seed.nonce());
    out.println("client seed " + seed.clientSeed());
    out.println("draws [0," + range + ") " + draws);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }
}
