package dev.croupier.bench.admin;

import dev.croupier.api.identity.v1.SearchPlayersRequest;
import dev.croupier.api.identity.v1.StaffIdentityGrpc;
import dev.croupier.bench.BenchTls;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Player search as the back office runs it, over a million players: the real gateway (its runnable
 * jar, in a process of its own) serves the identity context's staff API over mutual TLS, and this
 * client calls {@code SearchPlayers} as {@code admin}, one query after another, timing each from
 * the call to the answer. The players are seeded straight into schema {@code identity} (names from
 * lists, emails from the names, creation times a second apart), once: a later run reuses them.
 *
 * <p>The queries mix what staff type: a fragment of an email (40 %), a last name with part of the
 * number (25 %), a user id (15 %), a whole email (10 %), and a bare first name that matches tens of
 * thousands of players (10 %). Each run times {@code bench.queries} queries after 300 to warm up;
 * {@code bench.runs} runs; the result is the median p95 and the spread.
 */
public final class PlayerSearchBench {
  private static final Logger log = LoggerFactory.getLogger(PlayerSearchBench.class);

  private static final String[] FIRST = {
    "anna", "ben", "carla", "dmitri", "elena", "farid", "grace", "hugo", "ines", "jonas", "kofi",
    "lena", "marco", "nadia", "oscar", "priya", "quinn", "rosa", "sven", "tariq", "uma", "victor",
    "wanda", "xavier", "yara", "zoltan", "amir", "bea", "chen", "dara", "emil", "fatima", "gus",
    "hana", "ivan", "julia", "kenji", "luis", "maya", "nils"
  };
  private static final String[] LAST = {
    "smith",
    "garcia",
    "muller",
    "rossi",
    "dubois",
    "kowalski",
    "jensen",
    "silva",
    "novak",
    "ivanova",
    "tanaka",
    "kim",
    "okafor",
    "haddad",
    "larsen",
    "moreau",
    "fischer",
    "costa",
    "nagy",
    "popescu",
    "horvat",
    "berg",
    "santos",
    "khan",
    "murphy",
    "walsh",
    "ozturk",
    "ali",
    "nguyen",
    "patel",
    "jones",
    "lopez",
    "weber",
    "martin",
    "keller",
    "bauer",
    "ricci",
    "gomez",
    "schmidt",
    "young"
  };
  private static final String[] DOMAIN = {
    "example.com", "mail.example", "post.example", "inbox.example"
  };

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.db.url");
    String owner = System.getProperty("bench.db.user");
    String password = System.getProperty("bench.db.password");
    int players = Integer.getInteger("bench.players", 1_000_000);
    int queries = Integer.getInteger("bench.queries", 2000);
    int runs = Integer.getInteger("bench.runs", 3);
    Path out = Path.of(System.getProperty("bench.out"));
    Path jar = Path.of(System.getProperty("bench.gateway.jar"));

    Flyway.configure()
        .dataSource(url, owner, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    long seeded = seed(url, owner, password, players);

    BenchTls tls = new BenchTls();
    int httpPort = Ports.freePort();
    int staffPort = Ports.freePort();
    ServiceTls gatewayTls = tls.tls("api-gateway");
    Map<String, String> env = new HashMap<>();
    env.put("CROUPIER_DB_URL", url);
    env.put("CROUPIER_DB_USER", "croupier_identity");
    env.put("CROUPIER_DB_PASSWORD", password);
    env.put("CROUPIER_GATEWAY_PORT", String.valueOf(httpPort));
    env.put("CROUPIER_IDENTITY_GRPC_PORT", String.valueOf(staffPort));
    env.put("CROUPIER_IDENTITY_JWT_GENERATEDEVKEY", "true");
    env.put("CROUPIER_TLS_CERT", gatewayTls.certificate().toString());
    env.put("CROUPIER_TLS_KEY", gatewayTls.privateKey().toString());
    env.put("CROUPIER_TLS_CA", gatewayTls.trustedCa().toString());
    // No Temporal, Kafka or wallet here: the gateway starts without them and search needs none.
    env.put("CROUPIER_TEMPORAL_TARGET", "127.0.0.1:" + Ports.freePort());
    env.put("CROUPIER_KAFKA_BOOTSTRAP", "127.0.0.1:" + Ports.freePort());
    Path log = Path.of("bench", "target", "admin-search-gateway.log").toAbsolutePath();
    try (ManagedProcess gateway =
        ManagedProcess.start(
            "gateway",
            List.of(
                ManagedProcess.currentJava(), "-Xmx1g", "-jar", jar.toAbsolutePath().toString()),
            Path.of("."),
            log,
            env)) {
      Ports.awaitOpen(
          "the gateway's staff API",
          Ports.LOOPBACK,
          staffPort,
          Duration.ofSeconds(180),
          gateway::isAlive);
      ManagedChannel channel = tls.tls("admin").walletChannel(Ports.LOOPBACK + ":" + staffPort);
      try {
        StaffIdentityGrpc.StaffIdentityBlockingStub stub =
            StaffIdentityGrpc.newBlockingStub(channel);
        Sample sample = sample(url, owner, password, 5_000);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 300; i++) {
          search(stub, sample.query(rnd));
        }
        List<double[]> runP = new ArrayList<>();
        Map<String, List<Double>> byKind = new TreeMap<>();
        List<Double> hits = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          double[] ms = new double[queries];
          for (int i = 0; i < queries; i++) {
            Query q = sample.query(rnd);
            long t0 = System.nanoTime();
            int found = search(stub, q);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(ms[i]);
            hits.add((double) found);
          }
          Arrays.sort(ms);
          runP.add(new double[] {pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]});
        }
        write(out, seeded, queries, runP, byKind, hits);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  /** One query and what kind it is. */
  record Query(String kind, String text) {}

  /** Users to draw queries from: their ids, emails and display names. */
  record Sample(List<String> ids, List<String> emails, List<String> names) {
    Query query(SplittableRandom rnd) {
      int i = rnd.nextInt(ids.size());
      int roll = rnd.nextInt(100);
      if (roll < 40) {
        String local = emails.get(i).substring(0, emails.get(i).indexOf('@'));
        int from = rnd.nextInt(Math.max(1, local.length() - 6));
        return new Query(
            "email fragment", local.substring(from, Math.min(local.length(), from + 7)));
      }
      if (roll < 65) {
        String[] parts = names.get(i).split(" ");
        String number = parts[2];
        return new Query(
            "last name + number",
            parts[1] + " " + number.substring(0, Math.min(4, number.length())));
      }
      if (roll < 80) {
        return new Query("user id", ids.get(i));
      }
      if (roll < 90) {
        return new Query("whole email", emails.get(i));
      }
      return new Query("first name alone", FIRST[rnd.nextInt(FIRST.length)]);
    }
  }

  private static int search(StaffIdentityGrpc.StaffIdentityBlockingStub stub, Query q) {
    return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
        .searchPlayers(SearchPlayersRequest.newBuilder().setQuery(q.text()).setPageSize(20).build())
        .getPlayersCount();
  }

  private static long seed(String url, String user, String password, int players)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      long have;
      try (ResultSet rs = s.executeQuery("select count(*) from identity.users")) {
        rs.next();
        have = rs.getLong(1);
      }
      int batch = 100_000;
      for (long from = have + 1; from <= players; from += batch) {
        long to = Math.min(players, from + batch - 1);
        s.execute(
            """
            insert into identity.users (user_id, email, display_name, roles, status, created_at, updated_at, wallet_ready_at)
            select gen_random_uuid(),
                   f.n || '.' || l.n || i || '@' || d.n,
                   initcap(f.n) || ' ' || initcap(l.n) || ' ' || i,
                   array['PLAYER'], 'ACTIVE',
                   timestamptz '2026-01-01' + i * interval '1 second', now(), now()
            from generate_series(%d, %d) i
            cross join lateral (select (%s)[1 + (i %% %d)] as n) f
            cross join lateral (select (%s)[1 + ((i / %d) %% %d)] as n) l
            cross join lateral (select (%s)[1 + (i %% %d)] as n) d
            """
                .formatted(
                    from,
                    to,
                    array(FIRST),
                    FIRST.length,
                    array(LAST),
                    FIRST.length,
                    LAST.length,
                    array(DOMAIN),
                    DOMAIN.length));
        log.info("seeded {} players", to);
      }
      s.execute("analyze identity.users");
      try (ResultSet rs = s.executeQuery("select count(*) from identity.users")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Sample sample(String url, String user, String password, int n)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement s =
            c.prepareStatement(
                "select user_id, email, display_name from identity.users tablesample system (1) limit ?")) {
      s.setInt(1, n);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
          emails.add(rs.getString(2));
          names.add(rs.getString(3));
        }
      }
    }
    return new Sample(ids, emails, names);
  }

  private static String array(String[] values) {
    return "array['" + String.join("','", values) + "']";
  }

  private static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static void write(
      Path out,
      long players,
      int queries,
      List<double[]> runs,
      Map<String, List<Double>> byKind,
      List<Double> hits)
      throws IOException {
    double[] p95 = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
    double median = p95[p95.length / 2];
    Files.createDirectories(out.getParent());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      w.printf(
          Locale.ROOT,
          "# Player search over the staff API (bench/run-admin-search-bench.sh), %s%n",
          Instant.now());
      w.printf(
          Locale.ROOT,
          "# %d players; %d queries a run, one at a time, page size 20; load average %s%n",
          players,
          queries,
          loadAverage());
      for (int i = 0; i < runs.size(); i++) {
        double[] r = runs.get(i);
        w.printf(
            Locale.ROOT,
            "run %d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
            i + 1,
            r[0],
            r[1],
            r[2],
            r[3]);
      }
      for (Map.Entry<String, List<Double>> k : byKind.entrySet()) {
        double[] ms = k.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        w.printf(
            Locale.ROOT,
            "  %-20s n=%5d p50 %.2f ms p95 %.2f ms%n",
            k.getKey(),
            ms.length,
            pct(ms, 50),
            pct(ms, 95));
      }
      w.printf(
          Locale.ROOT,
          "mean players per answer: %.1f%n",
          hits.stream().mapToDouble(Double::doubleValue).average().orElse(0));
      w.printf(
          Locale.ROOT,
          "p95 over the runs: median %.2f ms, spread %.2f to %.2f ms%n",
          median,
          p95[0],
          p95[p95.length - 1]);
      w.printf(Locale.ROOT, "RESULT players=%d p95_ms=%.2f%n", players, median);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
