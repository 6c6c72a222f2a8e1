package dev.croupier.devstack;

import java.util.List;

/**
 * The platform's Kafka topics and their partition counts. Keys decide ordering: a topic is ordered
 * per key, so the key and the partition count are chosen together.
 */
public final class Topics {
  /** Ledger entries, keyed by account: per-account order, spread over partitions for consumers. */
  public static final Topic WALLET_ENTRIES = new Topic("wallet.entries", 12);

  /** Poker table events, keyed by table: one table's events stay in order. */
  public static final Topic TABLE_EVENTS = new Topic("table.events", 6);

  /** Lobby chat: one partition, so every node shows the same order. */
  public static final Topic LOBBY_CHAT = new Topic("lobby.chat", 1);

  /** Jackpot pool values every 3 s: one partition, last value wins. */
  public static final Topic JACKPOT_UPDATES = new Topic("jackpot.updates", 1);

  /** Leaderboard snapshots every 30-60 s: one partition, last value wins. */
  public static final Topic LEADERBOARD_UPDATES = new Topic("leaderboard.updates", 1);

  /** Open poker tables, keyed by table: compacted, so the latest summary of each table remains. */
  public static final Topic LOBBY_TABLES = new Topic("lobby.tables", 1, true);

  /**
   * Feature flags, keyed by flag: compacted, so a node that starts reads the latest value of every
   * flag from the beginning, then follows the changes.
   */
  public static final Topic ADMIN_FLAGS = new Topic("admin.flags", 1, true);

  /**
   * Compliance alerts (records of a round that disagree), keyed by session: few, kept in admin's
   * own table, read from the beginning by admin at each start.
   */
  public static final Topic COMPLIANCE_ALERTS = new Topic("compliance.alerts", 1);

  public static final List<Topic> ALL =
      List.of(
          WALLET_ENTRIES,
          TABLE_EVENTS,
          LOBBY_CHAT,
          JACKPOT_UPDATES,
          LEADERBOARD_UPDATES,
          LOBBY_TABLES,
          ADMIN_FLAGS,
          COMPLIANCE_ALERTS);

  private Topics() {}

  /** A topic name, how many partitions it is created with, and whether it is log-compacted. */
  public record Topic(String name, int partitions, boolean compacted) {
    public Topic(String name, int partitions) {
      this(name, partitions, false);
    }
  }
}
