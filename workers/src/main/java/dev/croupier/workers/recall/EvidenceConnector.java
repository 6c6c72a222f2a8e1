package dev.croupier.workers.recall;

import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.workers.WalletClientProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A second connector beside the plaintext recall port: HTTPS on {@code croupier.evidence.port} that
 * completes a handshake only with a peer whose certificate the services' CA signed (the same dev CA
 * and identities the wallet uses). {@link EvidenceSecurity} then lets only admin's common name read
 * {@code /evidence/**}.
 */
@Component
class EvidenceConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  private final EvidenceProperties evidence;
  private final WalletClientProperties.Tls tls;

  EvidenceConnector(EvidenceProperties evidence, WalletClientProperties wallet) {
    this.evidence = evidence;
    this.tls = wallet.tls();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (evidence.port() < 0) {
      return;
    }
    ServiceTls identity = ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa());
    SSLHostConfig ssl = new SSLHostConfig();
    ssl.setCertificateVerification("required");
    ssl.setProtocols("TLSv1.3");
    try {
      ssl.setTrustStore(identity.trustStore());
    } catch (IOException | GeneralSecurityException e) {
      throw new UncheckedIOException(
          "Cannot read the CA for the evidence port: " + e.getMessage(), new IOException(e));
    }
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setCertificateFile(identity.certificate().toString());
    certificate.setCertificateKeyFile(identity.privateKey().toString());
    ssl.addCertificate(certificate);

    Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
    connector.setPort(evidence.port());
    connector.setScheme("https");
    connector.setSecure(true);
    connector.setProperty("address", evidence.address());
    connector.setProperty("SSLEnabled", "true");
    connector.addSslHostConfig(ssl);
    factory.addAdditionalConnectors(connector);
  }
}
