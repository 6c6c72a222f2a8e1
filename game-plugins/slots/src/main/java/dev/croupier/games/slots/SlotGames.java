package dev.croupier.games.slots;

import dev.croupier.games.api.Certified;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GamePluginProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Registers every installed slot version with {@link java.util.ServiceLoader}. The versions are the
 * math files listed in {@value #INDEX}, one per line with the SHA-256 of the file as certified, so
 * a new version is a new file and a new line: older versions stay installed, and sessions started
 * on them finish on them. A file whose bytes no longer match its certified hash stops the registry
 * from loading.
 */
public final class SlotGames implements GamePluginProvider {
  /** The list of installed math files, relative to this package's resources. */
  public static final String INDEX = "dev/croupier/games/slots/versions.txt";

  @Override
  public List<GamePlugin> plugins() {
    try (InputStream in = SlotGames.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException("missing " + INDEX);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .<GamePlugin>map(SlotGames::certified)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The slot of one index line, {@code <math file> <sha-256>}.
   *
   * @throws IllegalStateException if the line has no hash or the file's bytes do not match it
   */
  static SlotGame certified(String line) {
    String[] parts = line.split("\\s+");
    if (parts.length != 2 || !Certified.isHash(parts[1])) {
      throw new IllegalStateException(INDEX + ": expected '<math file> <sha-256>', got: " + line);
    }
    SlotGame game = SlotGame.load("dev/croupier/games/slots/" + parts[0]);
    if (!game.descriptor().contentHash().equals(parts[1])) {
      throw new IllegalStateException(
          parts[0]
              + " is not the file that was certified (SHA-256 "
              + game.descriptor().contentHash()
              + ", certified "
              + parts[1]
              + "): a change of math is a new version");
    }
    return game;
  }
}
