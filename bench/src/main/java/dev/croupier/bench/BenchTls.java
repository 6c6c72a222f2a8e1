package dev.croupier.bench;

import dev.croupier.devstack.DevCertificates;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.ServiceTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A dev CA made for one benchmark run, and the mutual-TLS files of the wallet and its callers, as
 * Spring arguments: the wallet serves TLS only, and authorizes each caller by its certificate.
 */
public final class BenchTls {
  private final DevCertificates certificates;

  public BenchTls() {
    try {
      certificates = DevCertificates.in(Files.createTempDirectory("croupier-bench-tls"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The identity of {@code service} ({@link ServiceNames}). */
  public ServiceTls tls(String service) {
    DevCertificates.Identity id = certificates.identity(service);
    return new ServiceTls(id.certificate(), id.privateKey(), id.trustedCa());
  }

  /** The wallet server's {@code croupier.wallet.tls.*} arguments. */
  public List<String> walletServerArguments() {
    return arguments(ServiceNames.WALLET);
  }

  /** A wallet client's {@code croupier.wallet.tls.*} arguments, as {@code service}. */
  public List<String> clientArguments(String service) {
    return arguments(service);
  }

  private List<String> arguments(String service) {
    ServiceTls t = tls(service);
    return List.of(
        "--croupier.wallet.tls.certificate=" + t.certificate(),
        "--croupier.wallet.tls.private-key=" + t.privateKey(),
        "--croupier.wallet.tls.trusted-ca=" + t.trustedCa());
  }
}
