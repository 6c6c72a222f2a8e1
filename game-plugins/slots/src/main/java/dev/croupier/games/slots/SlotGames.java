package dev.croupier.games.slots;

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
 * math files listed in {@value #INDEX}, one per line, so a new version is a new file and a new
 * line: older versions stay installed, and sessions started on them finish on them.
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
          .<GamePlugin>map(file -> SlotGame.load("dev/croupier/games/slots/" + file))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
