package dev.croupier.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leader among the processes for a job (an outbox relay, an aggregator), by a PostgreSQL
 * session-level advisory lock held on a dedicated connection: the lock goes with the connection, so
 * a crashed leader is replaced as soon as the database notices its connection is gone.
 */
public final class Leadership implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final DataSource dataSource;
  private final long lockId;
  private Connection connection;

  public Leadership(DataSource dataSource, long lockId) {
    this.dataSource = dataSource;
    this.lockId = lockId;
  }

  /** True while this process leads; tries to take the lock when it does not. */
  public synchronized boolean lead() {
    if (connection != null) {
      if (alive()) {
        return true;
      }
      release();
    }
    try {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
        ps.setLong(1, lockId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            connection = c;
            return true;
          }
        }
      }
      c.close();
    } catch (SQLException e) {
      log.warn("cannot reach the database to take the lead: {}", e.toString());
    }
    return false;
  }

  private boolean alive() {
    try {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Whether this process held the lock when it last checked, without asking the database. */
  public synchronized boolean holding() {
    return connection != null;
  }

  /**
   * The connection that holds the lock, for the leader's own statements (in auto-commit); only
   * while {@link #lead()} answers true.
   */
  public synchronized Connection connection() {
    if (connection == null) {
      throw new IllegalStateException("not leading");
    }
    return connection;
  }

  /** Gives the lead up. */
  public synchronized void release() {
    if (connection != null) {
      // A pooled connection outlives close(): unlock explicitly so the lock does not stay behind.
      try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
        ps.setLong(1, lockId);
        ps.execute();
      } catch (SQLException e) {
        log.debug("unlocking the leadership lock: {}", e.toString());
      }
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the leadership connection: {}", e.toString());
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
