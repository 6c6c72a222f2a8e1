package dev.croupier.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String JWT =
      "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiIwMTkwIn0.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu";

  @Test
  void jsonWebTokensAnywhereInTheTextAreRedacted() {
    assertThat(Secrets.scrub("GET /ws?access_token=" + JWT + " HTTP/1.1"))
        .doesNotContain(JWT)
        .doesNotContain("eyJzdWIi")
        .startsWith("GET /ws?access_token=<redacted>");
    assertThat(Secrets.scrub("token " + JWT + " refused")).isEqualTo("token <redacted> refused");
  }

  @Test
  void bearerAndBasicCredentialsAreRedacted() {
    assertThat(Secrets.scrub("authorization: Bearer abcdefghijklmnop0123"))
        .isEqualTo("authorization: Bearer <redacted>");
    assertThat(Secrets.scrub("Authorization: Basic dXNlcjpwYXNzd29yZA=="))
        .isEqualTo("Authorization: Basic <redacted>");
  }

  @Test
  void parametersAndJsonFieldsNamedLikeSecretsAreRedacted() {
    assertThat(Secrets.scrub("refresh_token=Q2hhcmxpZS1yZWZyZXNoLXRva2VuLTAx&x=1"))
        .isEqualTo("refresh_token=<redacted>&x=1");
    assertThat(
            Secrets.scrub(
                "{\"email\":\"a@b.c\",\"password\":\"correct horse\",\"refreshToken\":\"abc\\\"def\"}"))
        .isEqualTo(
            "{\"email\":\"a@b.c\",\"password\":\"<redacted>\",\"refreshToken\":\"<redacted>\"}");
    assertThat(Secrets.scrub("/login/oauth2/code/google?code=4/0AbCdEf&state=xyz123"))
        .isEqualTo("/login/oauth2/code/google?code=<redacted>&state=<redacted>");
  }

  @Test
  void socketTicketsAreRedactedWhereverTheyAppear() {
    // Spring MVC's DEBUG line for the ticket endpoint's answer, and the upgrade's header.
    assertThat(Secrets.scrub("Writing [Ticket[ticket=Zm9vYmFyYmF6cXV4MTIzNDU2, expiresIn=30]]"))
        .isEqualTo("Writing [Ticket[ticket=<redacted>, expiresIn=30]]");
    assertThat(
            Secrets.scrub("sec-websocket-protocol: croupier.v1, croupier.ticket.Zm9vYmFyYmF6cXV4"))
        .isEqualTo("sec-websocket-protocol: croupier.v1, croupier.ticket.<redacted>");
    assertThat(Secrets.scrub("{\"ticket\":\"Zm9vYmFyYmF6cXV4\",\"expiresIn\":30}"))
        .isEqualTo("{\"ticket\":\"<redacted>\",\"expiresIn\":30}");
  }

  @Test
  void ordinaryLinesAreLeftAsTheyAre() {
    String line =
        "user 0190a1b2-c3d4 opened session 0190a1b2-c3d5 on slot-classic@1.0.0, commitment"
            + " 9f2c4e8a0b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e, code=INSUFFICIENT_FUNDS";
    assertThat(Secrets.scrub(line)).isEqualTo(line);
    assertThat(Secrets.scrub(null)).isNull();
    assertThat(Secrets.scrub("short")).isEqualTo("short");
  }
}
