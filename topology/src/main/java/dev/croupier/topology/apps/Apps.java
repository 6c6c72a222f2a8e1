package dev.croupier.topology.apps;

import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.Ports;
import dev.croupier.topology.TopologyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The topology's apps, in start order: two wallets, the realtime app, two workers, two gateways and
 * admin. Node {@code n} (1 or 2) of the wallet, the workers and the gateway form a column: the
 * gateway and the workers call their own column's wallet; players reach both gateways through
 * HAProxy. Every app uses the database's write address, the Temporal server and all three brokers.
 *
 * <p>Ports: node 1 of an app uses its dev port with 16xxx instead of 8xxx/9xxx (gateway 16080,
 * admin 16081, workers 16082, realtime 16083, wallet 16090, the gateway's identity gRPC 16095, the
 * workers' evidence port 16442), node 2 adds 100; each management port is its port plus 1000.
 */
public final class Apps {
  /** The gateways' HAProxy: players connect here. */
  public static final int PROXY_PORT = 15080;

  /** HAProxy's statistics page. */
  public static final int PROXY_STATS_PORT = 15081;

  private Apps() {}

  /** Where each app finds the rest of the topology. */
  public record Endpoints(
      String dbUrl,
      String migrationUser,
      String dbPassword,
      String temporalTarget,
      String namespace,
      String temporalUi,
      String kafkaBootstrap,
      String prometheusUrl) {
    @Override
    public String toString() {
      return "Endpoints[db=%s temporal=%s kafka=%s]"
          .formatted(dbUrl, temporalTarget, kafkaBootstrap);
    }
  }

  /**
   * Every app node with its environment. Keys that must outlive a run (the seed sealing key,
   * admin's secret key, the evidence signing key, the shared access-token signing key of both
   * gateways) are made once in {@code home} (mode 600) and kept; the dev CA and one certificate per
   * service in {@code home/tls}.
   */
  public static List<AppNode> plan(Path home, Endpoints endpoints) {
    Map<String, String> shared = new HashMap<>();
    shared.put("CROUPIER_DB_URL", endpoints.dbUrl());
    shared.put("CROUPIER_KAFKA_BOOTSTRAP", endpoints.kafkaBootstrap());
    shared.put("CROUPIER_TEMPORAL_TARGET", endpoints.temporalTarget());
    shared.put("CROUPIER_TEMPORAL_NAMESPACE", endpoints.namespace());
    shared.put("CROUPIER_TEMPORAL_UI_URL", endpoints.temporalUi());
    // Eight apps and the Temporal server share PostgreSQL's connections (100 by default).
    shared.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "4");
    shared.put("CROUPIER_SEED_SEALING_KEYS", persistentKey(home.resolve("seed-sealing.key")));
    shared.put("CROUPIER_ADMIN_SECRET_KEYS", persistentKey(home.resolve("admin-secret.key")));
    shared.put(
        "CROUPIER_EVIDENCE_SIGNING_KEY", persistentEd25519(home.resolve("evidence-signing.key")));
    shared.put("CROUPIER_EVIDENCE_DIR", home.resolve("evidence").toString());
    // Both gateways sign and accept the same access tokens: a player who lands on the other
    // gateway after a failover keeps a valid token.
    shared.put("CROUPIER_JWT_SIGNING_KEY", persistentRsa(home.resolve("jwt-signing.pem")));
    String proxy = "http://" + Ports.LOOPBACK + ":" + PROXY_PORT;
    shared.put("CROUPIER_GATEWAY_WS_ALLOWEDORIGINS", proxy + ",http://localhost:" + PROXY_PORT);
    shared.put("CROUPIER_RECALL_JWKS_URI", proxy + "/.well-known/jwks.json");
    shared.put("CROUPIER_REALTIME_URL", "http://" + Ports.LOOPBACK + ":16083");
    shared.put("CROUPIER_IDENTITY_TARGET", Ports.LOOPBACK + ":16095");
    shared.put("CROUPIER_WORKERS_EVIDENCE_URL", "https://" + Ports.LOOPBACK + ":16442");
    if (endpoints.prometheusUrl() != null) {
      shared.put("CROUPIER_PROMETHEUS_URL", endpoints.prometheusUrl());
    }
    DevCertificates certificates = DevCertificates.in(home.resolve("tls"));

    List<AppNode> nodes = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      nodes.add(
          node(
              "wallet-" + n,
              "wallet-ledger/server",
              "CROUPIER_WALLET_GRPC_PORT",
              "CROUPIER_WALLET_MANAGEMENT_PORT",
              16090 + 100 * (n - 1),
              "grpc",
              "wallet",
              "croupier_wallet",
              shared,
              certificates,
              home,
              // The wallet's posting committers and relay need a few more than the others.
              Map.of("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "6")));
    }
    nodes.add(
        node(
            "realtime",
            "realtime",
            "CROUPIER_REALTIME_PORT",
            "CROUPIER_REALTIME_MANAGEMENT_PORT",
            16083,
            "http",
            "realtime",
            "croupier_realtime",
            shared,
            certificates,
            home,
            Map.of()));
    for (int n = 1; n <= 2; n++) {
      int offset = 100 * (n - 1);
      nodes.add(
          node(
              "workers-" + n,
              "workers",
              "CROUPIER_WORKERS_PORT",
              "CROUPIER_WORKERS_MANAGEMENT_PORT",
              16082 + offset,
              "http",
              "workers",
              "croupier_game",
              shared,
              certificates,
              home,
              Map.of(
                  "CROUPIER_WALLET_TARGET",
                  Ports.LOOPBACK + ":" + (16090 + offset),
                  "CROUPIER_WORKERS_EVIDENCE_PORT",
                  String.valueOf(16442 + offset))));
    }
    for (int n = 1; n <= 2; n++) {
      int offset = 100 * (n - 1);
      nodes.add(
          node(
              "gateway-" + n,
              "api-gateway",
              "CROUPIER_GATEWAY_PORT",
              "CROUPIER_GATEWAY_MANAGEMENT_PORT",
              16080 + offset,
              "http",
              "api-gateway",
              "croupier_identity",
              shared,
              certificates,
              home,
              Map.of(
                  "CROUPIER_WALLET_TARGET",
                  Ports.LOOPBACK + ":" + (16090 + offset),
                  "CROUPIER_WORKERS_URL",
                  "http://" + Ports.LOOPBACK + ":" + (16082 + offset),
                  "CROUPIER_IDENTITY_GRPC_PORT",
                  String.valueOf(16095 + offset))));
    }
    nodes.add(
        node(
            "admin",
            "admin",
            "CROUPIER_ADMIN_PORT",
            "CROUPIER_ADMIN_MANAGEMENT_PORT",
            16081,
            "http",
            "admin",
            "croupier_admin",
            shared,
            certificates,
            home,
            Map.of("CROUPIER_WALLET_TARGET", Ports.LOOPBACK + ":16090")));
    return nodes;
  }

  private static AppNode node(
      String name,
      String moduleDir,
      String portVariable,
      String managementVariable,
      int port,
      String scheme,
      String identity,
      String dbRole,
      Map<String, String> shared,
      DevCertificates certificates,
      Path home,
      Map<String, String> own) {
    certificates.identity(identity);
    Path tls = home.resolve("tls");
    Map<String, String> env = new HashMap<>(shared);
    env.put(portVariable, String.valueOf(port));
    env.put(managementVariable, String.valueOf(port + 1000));
    env.put("CROUPIER_DB_USER", dbRole);
    env.put(
        "CROUPIER_DB_PASSWORD", System.getenv().getOrDefault("CROUPIER_DB_PASSWORD", "croupier"));
    env.put("CROUPIER_TLS_CERT", tls.resolve(identity + ".pem").toString());
    env.put("CROUPIER_TLS_KEY", tls.resolve(identity + ".key").toString());
    env.put("CROUPIER_TLS_CA", tls.resolve("ca.pem").toString());
    env.putAll(own);
    return new AppNode(name, moduleDir, port, port + 1000, scheme, Map.copyOf(env));
  }

  /** A random 256-bit key (base64) kept in {@code file}, made once, readable by its owner only. */
  private static String persistentKey(Path file) {
    return persistent(
        file,
        () -> {
          byte[] key = new byte[32];
          new SecureRandom().nextBytes(key);
          return Base64.getEncoder().encodeToString(key);
        });
  }

  private static String persistentEd25519(Path file) {
    return persistent(
        file,
        () ->
            Base64.getEncoder()
                .encodeToString(
                    KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPrivate()
                        .getEncoded()));
  }

  /** An RSA-3072 private key as PKCS#8 PEM, the access-token key both gateways share. */
  private static String persistentRsa(Path file) {
    return persistent(
        file,
        () -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(3072);
          String body =
              Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                  .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
          return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----";
        });
  }

  private interface KeyMaker {
    String make() throws GeneralSecurityException;
  }

  private static String persistent(Path file, KeyMaker maker) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(file.getParent());
      String key = maker.make();
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n");
      return key;
    } catch (IOException | GeneralSecurityException e) {
      throw new TopologyException("Topology: cannot keep a key in " + file + ": " + e, e);
    }
  }
}
