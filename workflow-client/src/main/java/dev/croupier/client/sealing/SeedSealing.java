package dev.croupier.client.sealing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.croupier.workflows.session.Seeds;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps server seeds out of Temporal histories in the clear. Wherever a {@link Seeds} is written to
 * a payload (the seed activity's marker, a session's continue-as-new carry, a table's seed marker),
 * its server seed is sealed with AES-256-GCM under the workers' sealing key, with the commitment as
 * associated data so that a sealed seed cannot be moved to another session. Anyone who can read
 * histories (the Web UI, {@code temporal workflow show}, a history export) sees the commitment and
 * the client seed, never the seed itself before it is revealed at close.
 *
 * <p>Sealing is in the data converter ({@link #dataConverter()}), not in workflow code: workflows
 * keep the seed in memory as before, and replay opens the sealed seed with the same keys. Histories
 * written before sealing hold the seed in the clear and still read.
 *
 * <p>Keys: the first seals, all open, so a new key is put first and the old one kept until every
 * session and table sealed with it has closed. Losing a key strands the open sessions sealed with
 * it: their workflow tasks fail until the key is back.
 */
public final class SeedSealing {
  static final String PREFIX = "sealed:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  private SeedSealing(List<byte[]> rawKeys) {
    if (rawKeys.isEmpty()) {
      throw new IllegalArgumentException("seed sealing needs at least one key");
    }
    Map<String, SecretKey> byId = new LinkedHashMap<>();
    for (byte[] raw : rawKeys) {
      if (raw.length != 32) {
        throw new IllegalArgumentException(
            "a seed sealing key is 32 bytes (base64 of 256 random bits), not " + raw.length);
      }
      byId.put(keyId(raw), new SecretKeySpec(raw, "AES"));
    }
    this.keys = Map.copyOf(byId);
    this.currentKeyId = byId.keySet().iterator().next();
  }

  /**
   * The keyring from its configured form: base64 keys of 32 bytes separated by commas, the sealing
   * key first.
   */
  public static SeedSealing fromBase64(String keys) {
    if (keys == null || keys.isBlank()) {
      throw new IllegalArgumentException(
          "no seed sealing key: set croupier.seeds.sealing-keys (CROUPIER_SEED_SEALING_KEYS) to"
              + " base64 of 32 random bytes, for example `openssl rand -base64 32`");
    }
    List<byte[]> raw = new ArrayList<>();
    for (String key : keys.split(",")) {
      try {
        raw.add(Base64.getDecoder().decode(key.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a seed sealing key is not base64", e);
      }
    }
    return new SeedSealing(raw);
  }

  /** A keyring of one fresh key: for tests and benchmarks, whose sessions die with the process. */
  public static SeedSealing random() {
    return fromBase64(newKey());
  }

  /** Base64 of 32 fresh random bytes: a new sealing key. */
  public static String newKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  /** The id of the key that seals: 16 hex digits of a hash of the key, never the key itself. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /**
   * Temporal's default data converter, but with {@link Seeds} sealed in JSON payloads. Every client
   * that runs session or table workers must use it; a worker without it fails on a sealed seed (the
   * {@link Seeds} constructor refuses anything but 64 hex digits) instead of playing wrong rounds.
   */
  public DataConverter dataConverter() {
    ObjectMapper mapper = JacksonJsonPayloadConverter.newDefaultObjectMapper();
    mapper.registerModule(jacksonModule());
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }

  /** Serializes {@link Seeds} with the server seed sealed; reads sealed and clear ones. */
  private SimpleModule jacksonModule() {
    SimpleModule module = new SimpleModule("croupier-seed-sealing");
    module.addSerializer(Seeds.class, new SeedsSerializer());
    module.addDeserializer(Seeds.class, new SeedsDeserializer());
    return module;
  }

  /** {@code sealed:v1:<key id>:<base64 of IV and ciphertext>}, bound to {@code commitment}. */
  String seal(String serverSeed, String commitment) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
      aes.updateAAD(commitment.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = aes.doFinal(serverSeed.getBytes(StandardCharsets.US_ASCII));
      byte[] out =
          ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
      return PREFIX + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** The server seed of a sealed one; fails on an unknown key, a wrong commitment or tampering. */
  public String open(String sealed, String commitment) {
    String[] parts = sealed.substring(PREFIX.length()).split(":", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a sealed seed");
    }
    SecretKey key = keys.get(parts[0]);
    if (key == null) {
      throw new IllegalStateException(
          "seed sealed with key "
              + parts[0]
              + ", which is not in croupier.seeds.sealing-keys (keys known: "
              + keys.keySet()
              + ")");
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[1]);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      aes.updateAAD(commitment.getBytes(StandardCharsets.UTF_8));
      byte[] plain = aes.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.US_ASCII);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "sealed seed does not open: tampered, or sealed for another commitment", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("sealed seed is malformed", e);
    }
  }

  private static String keyId(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("croupier seed sealing key id\n".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest(raw), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private final class SeedsSerializer extends StdSerializer<Seeds> {
    SeedsSerializer() {
      super(Seeds.class);
    }

    @Override
    public void serialize(Seeds seeds, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      json.writeStartObject();
      json.writeStringField("serverSeed", seal(seeds.serverSeed(), seeds.commitment()));
      json.writeStringField("commitment", seeds.commitment());
      json.writeStringField("clientSeed", seeds.clientSeed());
      json.writeEndObject();
    }
  }

  private final class SeedsDeserializer extends StdDeserializer<Seeds> {
    SeedsDeserializer() {
      super(Seeds.class);
    }

    @Override
    public Seeds deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode node = parser.readValueAsTree();
      String server = node.path("serverSeed").asText(null);
      String commitment = node.path("commitment").asText(null);
      String client = node.path("clientSeed").asText(null);
      if (server != null && commitment != null && server.startsWith(PREFIX)) {
        server = open(server, commitment);
      }
      return new Seeds(server, commitment, client);
    }
  }
}
