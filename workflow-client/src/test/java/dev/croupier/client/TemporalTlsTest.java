package dev.croupier.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.devstack.DevCertificates;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the Temporal frontend: against a frontend that requires mutual TLS (a gRPC server speaking
 * Temporal's WorkflowService), the configured client gets through and a plaintext one does not.
 */
class TemporalTlsTest {
  @TempDir Path dir;
  private DevCertificates certs;
  private Server frontend;

  @BeforeEach
  void startFrontend() throws Exception {
    certs = DevCertificates.in(dir);
    DevCertificates.Identity server = certs.identity("temporal");
    frontend =
        Grpc.newServerBuilderForPort(
                0,
                TlsServerCredentials.newBuilder()
                    .keyManager(server.certificate().toFile(), server.privateKey().toFile())
                    .trustManager(server.trustedCa().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build())
            .addService(
                new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                  @Override
                  public void getSystemInfo(
                      GetSystemInfoRequest request,
                      StreamObserver<GetSystemInfoResponse> observer) {
                    observer.onNext(
                        GetSystemInfoResponse.newBuilder().setServerVersion("tls").build());
                    observer.onCompleted();
                  }
                })
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    frontend.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private GetSystemInfoResponse call(TemporalTls tls) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            tls.applyTo(
                    WorkflowServiceStubsOptions.newBuilder()
                        .setTarget("127.0.0.1:" + frontend.getPort()))
                .build());
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void configuredClientCompletesTheMutualTlsHandshake() {
    DevCertificates.Identity workers = certs.identity("workers");
    TemporalTls tls =
        new TemporalTls(
            workers.certificate().toString(),
            workers.privateKey().toString(),
            workers.trustedCa().toString(),
            "");
    assertThat(tls.enabled()).isTrue();
    assertThat(call(tls).getServerVersion()).isEqualTo("tls");
  }

  @Test
  void plaintextClientIsRefusedByATlsFrontend() {
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> call(TemporalTls.NONE));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void partialConfigurationIsRefusedWithTheVariablesToSet() {
    assertThatThrownBy(() -> new TemporalTls("/a.pem", "", "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CROUPIER_TEMPORAL_TLS_CERT");
  }
}
