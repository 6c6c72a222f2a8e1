package dev.croupier.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The platform's export key: Ed25519. The private half is PKCS#8 in base64 (a file made by the
 * launcher, or {@code CROUPIER_EVIDENCE_SIGNING_KEY} in production); the public half travels in
 * every manifest as base64 X.509 SubjectPublicKeyInfo, and an auditor pins it by its fingerprint.
 */
public final class EvidenceKeys {
  private EvidenceKeys() {}

  /** A fresh key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** The private key as written to a key file: base64 of PKCS#8. */
  public static String encodePrivate(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** The public key as the manifest carries it: base64 of X.509 SubjectPublicKeyInfo. */
  public static String encodePublic(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * Reads a private key from base64 PKCS#8 (whitespace and PEM armour ignored) and derives its
   * public half.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the key
   */
  public static KeyPair decodePrivate(String base64) {
    try {
      byte[] der =
          Base64.getDecoder()
              .decode(base64.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
      KeyFactory f = KeyFactory.getInstance("Ed25519");
      PrivateKey key = f.generatePrivate(new PKCS8EncodedKeySpec(der));
      // An Ed25519 PKCS#8 of the JDK carries no public key: sign nothing to learn it is usable,
      // and derive the public half through the JDK's key spec.
      var spec = f.getKeySpec(key, java.security.spec.EdECPrivateKeySpec.class);
      PublicKey pub = publicOf(spec.getBytes());
      return new KeyPair(pub, key);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "The evidence signing key is not a base64 PKCS#8 Ed25519 private key.");
    }
  }

  /** Reads the key file written by {@link #writeNew}. */
  public static KeyPair read(Path file) throws IOException {
    return decodePrivate(Files.readString(file));
  }

  /** Writes a fresh key to {@code file} (owner read/write only) and returns it. */
  public static KeyPair writeNew(Path file) throws IOException {
    KeyPair pair = generate();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, encodePrivate(pair.getPrivate()) + "\n");
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the directory's ACL applies.
    }
    return pair;
  }

  /** Reads a public key from base64 X.509. */
  public static PublicKey decodePublic(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key");
    }
  }

  /** SHA-256 of the public key's X.509 encoding, in hex: what an auditor pins. */
  public static String fingerprint(PublicKey key) {
    return Hashes.sha256(key.getEncoded());
  }

  private static PublicKey publicOf(byte[] seed) throws GeneralSecurityException {
    // RFC 8032: the public key is derived from the seed; the JDK derives it when generating a
    // pair from a SecureRandom that yields exactly the seed.
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    g.initialize(
        new java.security.spec.NamedParameterSpec("Ed25519"),
        new java.security.SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
          }
        });
    return g.generateKeyPair().getPublic();
  }

  /** SHA-256 in hex. */
  static final class Hashes {
    private Hashes() {}

    static String sha256(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
