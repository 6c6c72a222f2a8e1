package dev.croupier.admin.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.workflows.evidence.ExportRequest;
import dev.croupier.workflows.evidence.ExportScope;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The export request through Temporal's own data converter: an input recorded before scopes (only a
 * session id) still reads as the export of that session, and each scope survives the round trip.
 */
class ExportRequestCompatibilityTest {
  private static final DataConverter CONVERTER = DataConverter.getDefaultInstance();

  @Test
  void aRequestRecordedBeforeScopesExportsItsOneSession() {
    UUID export = UUID.randomUUID();
    UUID session = UUID.randomUUID();
    UUID staff = UUID.randomUUID();
    String recorded =
        "{\"exportId\":\""
            + export
            + "\",\"sessionId\":\""
            + session
            + "\",\"requestedBy\":\""
            + staff
            + "\"}";
    ExportRequest read = decode(recorded);
    assertThat(read.scope()).isNull();
    assertThat(read.effectiveScope()).isEqualTo(ExportScope.session(session));
    assertThat(read.effectiveScope().manifest())
        .isEqualTo(Map.of("kind", "session", "sessionId", session.toString()));
  }

  @Test
  void everyScopeSurvivesTheConverter() {
    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    Instant to = Instant.parse("2026-12-08T00:00:00Z");
    UUID session = UUID.randomUUID();
    for (ExportScope scope :
        List.of(
            ExportScope.session(session),
            ExportScope.table("3f2c0d1e-0000-4000-8000-000000000001", from, to),
            ExportScope.player(UUID.randomUUID(), from, to, List.of(session)))) {
      ExportRequest request = ExportRequest.of(UUID.randomUUID(), scope, UUID.randomUUID());
      Payload p = CONVERTER.toPayload(request).orElseThrow();
      ExportRequest back = CONVERTER.fromPayload(p, ExportRequest.class, ExportRequest.class);
      assertThat(back).isEqualTo(request);
      assertThat(back.effectiveScope()).isEqualTo(scope);
    }
  }

  @Test
  void aReversedRangeOrAnUnknownKindIsRefused() {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    assertThatThrownBy(() -> ExportScope.player(UUID.randomUUID(), t, t, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from must be before to");
    assertThatThrownBy(() -> new ExportScope("casino", "x", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ExportRequest decode(String json) {
    Payload p =
        Payload.newBuilder()
            .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
            .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return CONVERTER.fromPayload(p, ExportRequest.class, ExportRequest.class);
  }
}
