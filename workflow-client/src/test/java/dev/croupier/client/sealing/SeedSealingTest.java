package dev.croupier.client.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.games.rng.SessionSeeds;
import dev.croupier.workflows.session.Seeds;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SeedSealingTest {
  private static final SessionSeeds FRESH = SessionSeeds.start(new SecureRandom());
  private static final Seeds SEEDS =
      new Seeds(FRESH.serverSeed().hex(), FRESH.commitment().sha256Hex(), "client seed");

  private static String json(DataConverter converter, Object value) {
    Payload p = converter.toPayload(value).orElseThrow();
    return p.getData().toString(StandardCharsets.UTF_8);
  }

  private static Seeds read(DataConverter converter, String json) {
    Payload p =
        DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
            .build();
    return converter.fromPayload(p, Seeds.class, Seeds.class);
  }

  @Test
  void aPayloadHoldsTheSeedSealedAndReadsBackWhole() {
    SeedSealing sealing = SeedSealing.random();
    DataConverter converter = sealing.dataConverter();

    String json = json(converter, SEEDS);

    assertThat(json)
        .doesNotContain(SEEDS.serverSeed())
        .contains(SEEDS.commitment(), "client seed", "sealed:v1:" + sealing.currentKeyId() + ":");
    assertThat(read(converter, json)).isEqualTo(SEEDS);
    // A fresh IV every time: two sealings of one seed differ and both open.
    String again = json(converter, SEEDS);
    assertThat(again).isNotEqualTo(json);
    assertThat(read(converter, again)).isEqualTo(SEEDS);
  }

  @Test
  void aSealedSeedIsBoundToItsCommitment() {
    SeedSealing sealing = SeedSealing.random();
    String sealed = sealing.seal(SEEDS.serverSeed(), SEEDS.commitment());
    String otherCommitment = SessionSeeds.start(new SecureRandom()).commitment().sha256Hex();

    assertThatThrownBy(() -> sealing.open(sealed, otherCommitment))
        .hasMessageContaining("another commitment");
    assertThat(sealing.open(sealed, SEEDS.commitment())).isEqualTo(SEEDS.serverSeed());
  }

  @Test
  void aTamperedSealedSeedDoesNotOpen() {
    SeedSealing sealing = SeedSealing.random();
    String sealed = sealing.seal(SEEDS.serverSeed(), SEEDS.commitment());
    int at = sealed.length() - 6;
    char flipped = sealed.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = sealed.substring(0, at) + flipped + sealed.substring(at + 1);

    assertThatThrownBy(() -> sealing.open(tampered, SEEDS.commitment()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRotatedKeyringSealsWithTheNewKeyAndStillOpensWhatTheOldOneSealed() {
    String oldKey = SeedSealing.newKey();
    SeedSealing before = SeedSealing.fromBase64(oldKey);
    String sealedBefore = json(before.dataConverter(), SEEDS);
    SeedSealing after = SeedSealing.fromBase64(SeedSealing.newKey() + "," + oldKey);

    assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
    assertThat(read(after.dataConverter(), sealedBefore)).isEqualTo(SEEDS);
    assertThat(json(after.dataConverter(), SEEDS)).contains("sealed:v1:" + after.currentKeyId());
  }

  @Test
  void aSeedSealedWithAKeyThatIsGoneFailsLoudly() {
    String sealed = json(SeedSealing.random().dataConverter(), SEEDS);

    assertThatThrownBy(() -> read(SeedSealing.random().dataConverter(), sealed))
        .isInstanceOf(DataConverterException.class)
        .hasStackTraceContaining("not in croupier.seeds.sealing-keys");
    // A worker without the sealing converter refuses it instead of playing with a wrong seed.
    assertThatThrownBy(() -> read(DefaultDataConverter.STANDARD_INSTANCE, sealed))
        .isInstanceOf(DataConverterException.class)
        .hasStackTraceContaining("64 lower-case hex digits");
  }

  @Test
  void historiesWrittenBeforeSealingStillRead() {
    String clear = json(DefaultDataConverter.STANDARD_INSTANCE, SEEDS);
    assertThat(clear).contains(SEEDS.serverSeed());

    assertThat(read(SeedSealing.random().dataConverter(), clear)).isEqualTo(SEEDS);
  }

  @Test
  void keysMustBe256BitBase64() {
    assertThatThrownBy(() -> SeedSealing.fromBase64(""))
        .hasMessageContaining("CROUPIER_SEED_SEALING_KEYS");
    assertThatThrownBy(() -> SeedSealing.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> SeedSealing.fromBase64("not base64!"))
        .hasMessageContaining("not base64");
  }
}
