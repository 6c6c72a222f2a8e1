package dev.croupier.activities.table;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals hole cards for compliance: hybrid encryption with JDK crypto only. Each record gets a fresh
 * AES-256 key; the cards are encrypted with AES-GCM (96-bit IV, 128-bit tag, the record's identity
 * {@code tableId/hand/seat/playerId} as associated data, so a sealed blob cannot be moved to
 * another seat or hand), and the AES key is wrapped with the compliance RSA public key (RSA-OAEP
 * with SHA-256 and MGF1-SHA-256). The workers hold only the public key ({@code
 * croupier.tables.compliance-public-key}); the private key stays with compliance, so nobody who
 * reads {@code table.events} — players, spectators, the gateway, the workers — can open it.
 */
public final class HoleCardSealer {
  /** The algorithm name written beside each sealed record. */
  public static final String ALGORITHM = "RSA-OAEP-256+A256GCM";

  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final PublicKey publicKey;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public HoleCardSealer(PublicKey publicKey) {
    this.publicKey = publicKey;
    this.keyId = keyIdOf(publicKey);
  }

  /** A sealer for an RSA public key given as base64 of its X.509 SubjectPublicKeyInfo (DER). */
  public static HoleCardSealer fromBase64(String x509Base64) {
    try {
      byte[] der = Base64.getDecoder().decode(x509Base64.trim());
      return new HoleCardSealer(
          KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 X.509 RSA public key", e);
    }
  }

  /** The first 16 hex digits of SHA-256 of the public key: which key a record was sealed for. */
  public String keyId() {
    return keyId;
  }

  /** Seals {@code plaintext} bound to {@code associatedData}. */
  public Sealed seal(byte[] plaintext, String associatedData) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, random);
      SecretKey key = generator.generateKey();
      byte[] iv = new byte[12];
      random.nextBytes(iv);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      aes.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = aes.doFinal(plaintext);
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, publicKey, OAEP);
      byte[] wrapped = rsa.doFinal(key.getEncoded());
      Base64.Encoder b64 = Base64.getEncoder();
      return new Sealed(
          ALGORITHM,
          keyId,
          b64.encodeToString(wrapped),
          b64.encodeToString(iv),
          b64.encodeToString(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /**
   * Opens a sealed record with the compliance private key: compliance tooling and tests only.
   *
   * @throws GeneralSecurityException for a wrong key, tampered data or other associated data
   */
  public static byte[] open(PrivateKey privateKey, Sealed sealed, String associatedData)
      throws GeneralSecurityException {
    Base64.Decoder b64 = Base64.getDecoder();
    Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
    rsa.init(Cipher.DECRYPT_MODE, privateKey, OAEP);
    byte[] key = rsa.doFinal(b64.decode(sealed.wrappedKey()));
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(128, b64.decode(sealed.iv())));
    aes.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return aes.doFinal(b64.decode(sealed.ciphertext()));
  }

  private static String keyIdOf(PublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One sealed record, every binary field base64.
   *
   * @param alg {@link #ALGORITHM}
   * @param keyId which compliance key can open it
   * @param wrappedKey the AES key, RSA-OAEP encrypted
   * @param iv the AES-GCM IV
   * @param ciphertext the AES-GCM ciphertext with its tag
   */
  public record Sealed(String alg, String keyId, String wrappedKey, String iv, String ciphertext) {}
}
