package dev.croupier.workers.table;

import dev.croupier.client.tables.GameTables;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.table.TableTerms;
import dev.croupier.workflows.table.TableSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Opens the configured tables ({@code croupier.tables.configured}) once the worker polls, so the
 * lobby has tables whenever the platform runs. Idempotent across restarts and across workers: each
 * table has a stable id, and a table that is already open is left alone. Runs on its own thread and
 * retries while Temporal does not answer, so a slow cluster never holds up the app's start.
 */
final class ConfiguredTables implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfiguredTables.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final GameTables tables;
  private final List<TableProperties.TableSpec> specs;
  private volatile Thread opener;

  /**
   * @throws IllegalArgumentException when a table names a game that is not installed or is not a
   *     table game, its rules make no table for that game, or two tables have the same id: the app
   *     does not start with a bad table list
   */
  ConfiguredTables(GameTables tables, GameRegistry games, List<TableProperties.TableSpec> specs) {
    this.tables = tables;
    this.specs = List.copyOf(specs);
    Map<UUID, String> ids = new HashMap<>();
    for (TableProperties.TableSpec s : specs) {
      try {
        TableTerms terms = games.table(s.gameRef()).terms(s.config());
        log.debug("table '{}': {} seats, stakes {}", s.name(), terms.seats(), terms.stakes());
      } catch (CroupierException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "croupier.tables.configured: table '" + s.name() + "': " + e.getMessage(), e);
      }
      String other = ids.put(s.tableId(), s.name());
      if (other != null) {
        throw new IllegalArgumentException(
            "croupier.tables.configured: tables '"
                + other
                + "' and '"
                + s.name()
                + "' have one id");
      }
    }
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (specs.isEmpty() || opener != null) {
      return;
    }
    opener = Thread.ofVirtual().name("table-opener").start(this::openAll);
  }

  /** Opens every table, retrying those Temporal did not answer for; returns when all are open. */
  void openAll() {
    List<TableProperties.TableSpec> left = new ArrayList<>(specs);
    Duration wait = FIRST_RETRY;
    while (!left.isEmpty() && !Thread.currentThread().isInterrupted()) {
      left.removeIf(this::open);
      if (left.isEmpty()) {
        return;
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
    }
  }

  /** Opens one table; true when it is open (now or before), false to try again later. */
  private boolean open(TableProperties.TableSpec spec) {
    UUID id = spec.tableId();
    try {
      TableSummary s = tables.open(id, spec.name(), spec.gameRef(), spec.config(), spec.options());
      log.info(
          "opened {} table '{}' (table-{}): {} seats, stakes {} {}",
          s.game(),
          s.name(),
          id,
          s.seats(),
          s.stakes(),
          s.currency());
      return true;
    } catch (CroupierException e) {
      if (e.code() == ErrorCode.SESSION_ALREADY_EXISTS) {
        log.info("table '{}' (table-{}) is already open", spec.name(), id);
        return true;
      }
      log.warn("could not open table '{}' yet: {}; retrying", spec.name(), e.getMessage());
      return false;
    } catch (RuntimeException e) {
      log.warn("could not open table '{}' yet: {}; retrying", spec.name(), e.toString());
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    Thread t = opener;
    if (t != null) {
      t.interrupt();
      t.join(Duration.ofSeconds(5));
    }
  }
}
