package dev.croupier.wallet.api;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One service's mutual-TLS identity: its certificate chain and private key (PEM, the key PKCS#8),
 * and the CA certificates it trusts for its peers. The wallet takes the common name of the
 * certificate's subject as the calling service ({@link ServiceNames}); a peer whose certificate the
 * CA did not sign fails the handshake, and a plaintext peer never gets as far as a call.
 *
 * @param certificate PEM certificate chain, leaf first ({@code CROUPIER_TLS_CERT})
 * @param privateKey PEM PKCS#8 private key of the leaf ({@code CROUPIER_TLS_KEY}), mode 600
 * @param trustedCa PEM CA certificate(s) that sign the peers ({@code CROUPIER_TLS_CA})
 */
public record ServiceTls(Path certificate, Path privateKey, Path trustedCa) {
  public static final String CERT_ENV = "CROUPIER_TLS_CERT";
  public static final String KEY_ENV = "CROUPIER_TLS_KEY";
  public static final String CA_ENV = "CROUPIER_TLS_CA";

  public ServiceTls {
    for (Path p : new Path[] {certificate, privateKey, trustedCa}) {
      if (p == null || !Files.isReadable(p)) {
        throw new IllegalArgumentException(
            "TLS file missing or unreadable: %s. Set %s, %s and %s to the service's certificate,"
                    .formatted(p, CERT_ENV, KEY_ENV, CA_ENV)
                + " its private key and the CA that signs the other services.");
      }
    }
  }

  /**
   * The identity from three configured paths, with a one-line remedy when any is missing.
   *
   * @throws IllegalArgumentException when a path is blank or the file is not readable
   */
  public static ServiceTls of(String certificate, String privateKey, String trustedCa) {
    if (blank(certificate) || blank(privateKey) || blank(trustedCa)) {
      throw new IllegalArgumentException(
          "No TLS identity configured: set %s, %s and %s (croupier.tls.certificate, private-key,"
                  .formatted(CERT_ENV, KEY_ENV, CA_ENV)
              + " trusted-ca). The launcher makes dev certificates in .croupier/tls/.");
    }
    return new ServiceTls(Path.of(certificate), Path.of(privateKey), Path.of(trustedCa));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Client credentials: present this identity, trust servers signed by the CA. */
  public ChannelCredentials channelCredentials() {
    try {
      return TlsChannelCredentials.newBuilder()
          .keyManager(certificate.toFile(), privateKey.toFile())
          .trustManager(trustedCa.toFile())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the TLS identity: " + e.getMessage(), e);
    }
  }

  /** Server credentials: present this identity and require a client certificate the CA signed. */
  public ServerCredentials serverCredentials() {
    try {
      return TlsServerCredentials.newBuilder()
          .keyManager(certificate.toFile(), privateKey.toFile())
          .trustManager(trustedCa.toFile())
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the TLS identity: " + e.getMessage(), e);
    }
  }

  /**
   * A channel to the wallet at {@code target} ({@code host:port}) that authenticates as this
   * service. The wallet's certificate must name the host of {@code target}.
   */
  public ManagedChannel walletChannel(String target, ClientInterceptor... interceptors) {
    return Grpc.newChannelBuilder(target, channelCredentials()).intercept(interceptors).build();
  }
}
