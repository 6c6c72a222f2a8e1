package dev.croupier.client;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * TLS to the Temporal frontend where it is configured: the client's certificate and key (mutual
 * TLS, as Temporal Cloud and a secured cluster ask for) and the CA that signs the frontend's
 * certificate. All three blank means plaintext, which is what the dev server speaks; some but not
 * all of them is a configuration error.
 *
 * @param certificate PEM client certificate chain ({@code CROUPIER_TEMPORAL_TLS_CERT})
 * @param privateKey PEM PKCS#8 key of that certificate ({@code CROUPIER_TEMPORAL_TLS_KEY})
 * @param trustedCa PEM CA of the frontend ({@code CROUPIER_TEMPORAL_TLS_CA})
 * @param serverName the name the frontend's certificate carries, when it differs from the target's
 *     host (blank: the target's host)
 */
public record TemporalTls(
    String certificate, String privateKey, String trustedCa, String serverName) {
  /** Plaintext. */
  public static final TemporalTls NONE = new TemporalTls("", "", "", "");

  public TemporalTls {
    certificate = Objects.requireNonNullElse(certificate, "");
    privateKey = Objects.requireNonNullElse(privateKey, "");
    trustedCa = Objects.requireNonNullElse(trustedCa, "");
    serverName = Objects.requireNonNullElse(serverName, "");
    long set =
        Arrays.stream(new String[] {certificate, privateKey, trustedCa})
            .filter(s -> !s.isBlank())
            .count();
    if (set != 0 && set != 3) {
      throw new IllegalArgumentException(
          "Temporal TLS needs all of CROUPIER_TEMPORAL_TLS_CERT, CROUPIER_TEMPORAL_TLS_KEY and"
              + " CROUPIER_TEMPORAL_TLS_CA (croupier.temporal.tls.*), or none of them for"
              + " plaintext.");
    }
  }

  /** Whether TLS is on. */
  public boolean enabled() {
    return !certificate.isBlank();
  }

  /** Sets the SSL context (and server name) on {@code options} when TLS is on; returns it. */
  public WorkflowServiceStubsOptions.Builder applyTo(WorkflowServiceStubsOptions.Builder options) {
    if (!enabled()) {
      return options;
    }
    options.setSslContext(sslContext());
    if (!serverName.isBlank()) {
      options.setChannelInitializer(b -> b.overrideAuthority(serverName));
    }
    return options;
  }

  /** The client SSL context for gRPC's Netty transport. */
  public SslContext sslContext() {
    try {
      return GrpcSslContexts.forClient()
          .keyManager(new File(certificate), new File(privateKey))
          .trustManager(new File(trustedCa))
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot read the Temporal TLS files (croupier.temporal.tls.*): " + e.getMessage(), e);
    }
  }
}
