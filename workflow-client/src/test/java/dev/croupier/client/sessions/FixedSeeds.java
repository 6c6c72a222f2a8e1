package dev.croupier.client.sessions;

import dev.croupier.games.rng.ServerSeed;
import dev.croupier.workflows.session.SeedActivities;
import dev.croupier.workflows.session.Seeds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One server seed, chosen by the test, for every session: with it a test knows which client seed
 * makes a round hit the jackpot. Stands in for the CSPRNG only; the seed is still committed and
 * revealed as usual.
 */
final class FixedSeeds implements SeedActivities {
  /** SHA-256 of {@code jackpot-session-server-seed}. */
  static final String SERVER_SEED = sha256("jackpot-session-server-seed");

  /**
   * With {@link #SERVER_SEED}, round 1 of {@code slot-classic@1.0.0} stops on five CROWN on a
   * payline (found by trying {@code jackpot-0}, {@code jackpot-1} … through the plugin; 1 round in
   * 1.84 million hits).
   */
  static final String JACKPOT_CLIENT_SEED = "jackpot-470326";

  @Override
  public Seeds generate(String clientSeed) {
    return new Seeds(
        SERVER_SEED,
        new ServerSeed(SERVER_SEED).commitment().sha256Hex(),
        clientSeed == null ? "no-jackpot" : clientSeed);
  }

  private static String sha256(String label) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
