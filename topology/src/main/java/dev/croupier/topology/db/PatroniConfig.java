package dev.croupier.topology.db;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The configuration files the cluster writes: a Patroni node's YAML, a restored server's conf. */
final class PatroniConfig {
  /**
   * Failover timing. The leader key lives {@code ttl} seconds in etcd; a crashed leader stops
   * renewing it, so a replica takes over at most about {@code ttl + loop_wait} seconds after the
   * crash. Patroni requires {@code loop_wait + 2 * retry_timeout <= ttl}. Lower is faster but, on a
   * loaded machine, risks a demotion because etcd answered late.
   */
  static final int TTL = 15;

  static final int LOOP_WAIT = 2;
  static final int RETRY_TIMEOUT = 6;

  /** A replica further behind than this (bytes) is never promoted. */
  static final long MAXIMUM_LAG_ON_FAILOVER = 1_048_576;

  /** Small on purpose: the whole topology shares one machine. */
  static final String SHARED_BUFFERS = "64MB";

  private static final DateTimeFormatter TARGET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

  private PatroniConfig() {}

  /**
   * Copies a WAL file into the archive under a temporary name, then renames it: a crash mid-copy
   * leaves only a {@code .part} file, never a partial segment under the real name. A file already
   * there (the new leader archives the segment its predecessor did) is accepted when identical.
   */
  static String archiveCommand(Path archive) {
    String f = archive + "/%f";
    return "if [ -f \""
        + f
        + "\" ]; then cmp -s \"%p\" \""
        + f
        + "\"; else cp \"%p\" \""
        + f
        + ".part\" && mv \""
        + f
        + ".part\" \""
        + f
        + "\"; fi";
  }

  static String restoreCommand(Path archive) {
    return "cp \"" + archive + "/%f\" \"%p\"";
  }

  static String yaml(
      String name,
      int pgPort,
      int restPort,
      Path nodeDir,
      int etcdPort,
      Path postgresBin,
      Path archive,
      String superuserPassword,
      String replicationPassword) {
    return """
        scope: croupier
        namespace: /croupier/
        name: %1$s
        log:
          level: INFO
        restapi:
          listen: 127.0.0.1:%3$d
          connect_address: 127.0.0.1:%3$d
        etcd3:
          hosts: 127.0.0.1:%4$d
        bootstrap:
          dcs:
            ttl: %10$d
            loop_wait: %11$d
            retry_timeout: %12$d
            maximum_lag_on_failover: %13$d
            synchronous_mode: true
            synchronous_mode_strict: true
            postgresql:
              use_pg_rewind: true
              use_slots: true
              parameters:
                wal_level: replica
                wal_log_hints: 'on'
                hot_standby: 'on'
                max_connections: 100
                max_wal_senders: 10
                max_replication_slots: 10
                synchronous_commit: 'on'
                archive_mode: 'on'
                archive_command: '%7$s'
                archive_timeout: 60s
                shared_buffers: %14$s
                work_mem: 4MB
                maintenance_work_mem: 32MB
                wal_keep_size: 128MB
          initdb:
            - encoding: UTF8
            - locale: C
            - data-checksums
        postgresql:
          listen: 127.0.0.1:%2$d
          connect_address: 127.0.0.1:%2$d
          data_dir: %5$s/data
          bin_dir: %6$s
          pgpass: %5$s/pgpass
          authentication:
            superuser:
              username: postgres
              password: '%8$s'
            replication:
              username: replicator
              password: '%9$s'
          parameters:
            unix_socket_directories: '%5$s'
          pg_hba:
            - local all all trust
            - host replication replicator 127.0.0.1/32 scram-sha-256
            - host all all 127.0.0.1/32 scram-sha-256
        watchdog:
          mode: 'off'
        tags:
          nofailover: false
          noloadbalance: false
          clonefrom: false
          nosync: false
        """
        .formatted(
            name,
            pgPort,
            restPort,
            etcdPort,
            nodeDir,
            postgresBin,
            archiveCommand(archive).replace("'", "''"),
            superuserPassword,
            replicationPassword,
            TTL,
            LOOP_WAIT,
            RETRY_TIMEOUT,
            MAXIMUM_LAG_ON_FAILOVER,
            SHARED_BUFFERS);
  }

  /**
   * The whole postgresql.conf of a server restored from the base backup: the cluster's node conf
   * (Patroni's) names another node's files and ports, so it is replaced. The limits that a standby
   * must hold at least as high as its primary are the cluster's.
   */
  static String restoredConf(int port, Path dir, Path archive, Instant at) {
    return """
        listen_addresses = '127.0.0.1'
        port = %d
        unix_socket_directories = '%s'
        shared_buffers = %s
        max_connections = 100
        max_wal_senders = 10
        max_replication_slots = 10
        wal_level = replica
        hot_standby = on
        archive_mode = off
        restore_command = '%s'
        recovery_target_time = '%s'
        recovery_target_timeline = 'latest'
        recovery_target_action = 'promote'
        """
        .formatted(
            port,
            dir,
            SHARED_BUFFERS,
            restoreCommand(archive).replace("'", "''"),
            TARGET.format(at));
  }
}
