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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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

  /**
   * A JDK {@link SSLContext} for HTTPS between services: presents this identity and trusts only
   * peers the CA signed. Used for the workers' evidence port (server) and admin's calls to it
   * (client).
   *
   * @throws UncheckedIOException when a file cannot be read or parsed
   */
  public SSLContext sslContext() {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      List<? extends Certificate> chain;
      try (var in = Files.newInputStream(certificate)) {
        chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      }
      keys.setKeyEntry(
          "identity", readPrivateKey(), new char[0], chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the TLS identity: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new UncheckedIOException(
          "Cannot use the TLS identity: " + e.getMessage(), new IOException(e));
    }
  }

  /** The trusted CA certificates as an in-memory key store. */
  public KeyStore trustStore() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = Files.newInputStream(trustedCa)) {
      int i = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, ca);
      }
    }
    return trust;
  }

  private PrivateKey readPrivateKey() throws IOException, GeneralSecurityException {
    String pem = Files.readString(privateKey);
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (java.security.spec.InvalidKeySpecException notThisOne) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("the private key is no PKCS#8 EC, RSA or Ed25519 key");
  }
}
