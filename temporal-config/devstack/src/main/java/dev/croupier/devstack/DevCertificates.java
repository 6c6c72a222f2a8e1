package dev.croupier.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate authority and one certificate per service, for mutual TLS between the
 * services: the CA in {@code ca.pem} / {@code ca.key}, each service in {@code <service>.pem} /
 * {@code <service>.key} (PKCS#8 PEM, mode 600). A service's certificate names it in its subject's
 * common name, which the wallet takes as the caller's identity; it also names {@code localhost} and
 * {@code 127.0.0.1}, so the same certificate serves a loopback server. Files that exist are reused,
 * so the launcher makes them on the first run and keeps them; tests make theirs per run in a
 * directory of their own. Production supplies its own CA and certificates instead.
 */
public final class DevCertificates {
  private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Duration CA_LIFETIME = Duration.ofDays(3650);
  private static final Duration LEAF_LIFETIME = Duration.ofDays(825);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final X509Certificate ca;
  private final PrivateKey caKey;

  /** One service's files: its certificate, its private key, and the CA it trusts. */
  public record Identity(String service, Path certificate, Path privateKey, Path trustedCa) {}

  private DevCertificates(Path dir, X509Certificate ca, PrivateKey caKey) {
    this.dir = dir;
    this.ca = ca;
    this.caKey = caKey;
  }

  /** The CA kept in {@code dir}, made (with the directory) when it is not there yet. */
  public static synchronized DevCertificates in(Path dir) {
    try {
      Files.createDirectories(dir);
      Path caCert = dir.resolve("ca.pem");
      Path caKeyFile = dir.resolve("ca.key");
      if (Files.exists(caCert) && Files.exists(caKeyFile)) {
        return new DevCertificates(dir, readCertificate(caCert), readKey(caKeyFile));
      }
      KeyPair pair = newKeyPair();
      X500Principal name = new X500Principal("CN=Croupier dev CA,O=Croupier");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(CA_LIFETIME)),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(b, pair.getPrivate());
      writeKey(caKeyFile, pair.getPrivate());
      writePem(caCert, cert);
      return new DevCertificates(dir, cert, pair.getPrivate());
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new DevStackException("Cannot make the dev CA in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The CA's certificate, which every service trusts. */
  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  /**
   * The certificate and key of {@code service} (e.g. {@code wallet}, {@code api-gateway}), issued
   * by this CA when they are not there yet.
   */
  public synchronized Identity identity(String service) {
    if (!SERVICE.matcher(service).matches()) {
      throw new IllegalArgumentException("Bad service name: " + service);
    }
    Path certFile = dir.resolve(service + ".pem");
    Path keyFile = dir.resolve(service + ".key");
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      try {
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                ca,
                serial(),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(LEAF_LIFETIME)),
                new X500Principal("CN=" + service + ",O=Croupier"),
                pair.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, service),
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
        b.addExtension(
            Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        X509Certificate cert = sign(b, caKey);
        writeKey(keyFile, pair.getPrivate());
        writePem(certFile, cert);
      } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
        throw new DevStackException(
            "Cannot issue the dev certificate of " + service + ": " + e.getMessage(), e);
      }
    }
    return new Identity(service, certFile, keyFile, caCertificate());
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    X509CertificateHolder holder = b.build(signer);
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static void writePem(Path file, Object value) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(value);
    }
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, out.toString(), StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeKey(Path file, PrivateKey key) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path tmp =
        Files.createTempFile(
            file.getParent(),
            file.getFileName().toString(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      return new JcaX509CertificateConverter()
          .getCertificate((X509CertificateHolder) p.readObject());
    }
  }

  private static PrivateKey readKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject());
    }
  }
}
