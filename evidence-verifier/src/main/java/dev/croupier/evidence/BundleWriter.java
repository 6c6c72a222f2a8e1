package dev.croupier.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds one evidence bundle: a zip of the files added, in the order added, followed by {@code
 * manifest.json} (the SHA-256 and size of every file, the scope, the signer's public key) and
 * {@code manifest.sig} (the Ed25519 signature of the manifest's exact bytes, base64). The format is
 * {@link #FORMAT}, documented in {@code admin/README.md}. Not thread-safe; one writer per bundle.
 */
public final class BundleWriter {
  /** The format's name and version, written into every manifest. */
  public static final String FORMAT = "croupier-evidence/1";

  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, byte[]> files = new LinkedHashMap<>();

  /**
   * Adds a file under {@code path} (forward slashes, no {@code ..}).
   *
   * @throws IllegalArgumentException for an unsafe or reserved path, or one added twice
   */
  public BundleWriter add(String path, byte[] content) {
    if (path.isBlank()
        || path.startsWith("/")
        || path.contains("..")
        || path.contains("\\")
        || path.equals(MANIFEST)
        || path.equals(SIGNATURE)
        || files.containsKey(path)) {
      throw new IllegalArgumentException("unusable bundle path: " + path);
    }
    files.put(path, content.clone());
    return this;
  }

  /** Adds {@code value} as indented JSON. */
  public BundleWriter addJson(String path, Object value) {
    try {
      return add(path, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + path + " as JSON", e);
    }
  }

  /**
   * Writes the zip with its signed manifest.
   *
   * @param scope what the bundle covers (kind, ids, time range), copied into the manifest
   * @param key the export key; its public half goes into the manifest
   */
  public void write(OutputStream out, Map<String, Object> scope, KeyPair key, Instant createdAt)
      throws IOException {
    List<Map<String, Object>> listed = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", f.getKey());
      row.put("sha256", EvidenceKeys.Hashes.sha256(f.getValue()));
      row.put("bytes", f.getValue().length);
      listed.add(row);
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", FORMAT);
    manifest.put("createdAt", createdAt.toString());
    manifest.put("scope", scope);
    manifest.put("signature", "Ed25519 over the bytes of manifest.json, base64 in manifest.sig");
    manifest.put("publicKey", EvidenceKeys.encodePublic(key.getPublic()));
    manifest.put("publicKeySha256", EvidenceKeys.fingerprint(key.getPublic()));
    manifest.put("files", listed);
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    byte[] signature;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key.getPrivate());
      s.update(manifestBytes);
      signature = s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the export key", e);
    }
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      entry(zip, f.getKey(), f.getValue());
    }
    entry(zip, MANIFEST, manifestBytes);
    entry(
        zip,
        SIGNATURE,
        (Base64.getEncoder().encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII));
    zip.finish();
  }

  private static void entry(ZipOutputStream zip, String path, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(path);
    // A fixed time keeps two exports of the same records byte-identical but for the manifest.
    e.setTime(0);
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }
}
