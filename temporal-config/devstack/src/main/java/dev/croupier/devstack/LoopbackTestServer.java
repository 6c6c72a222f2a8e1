package dev.croupier.devstack;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's Java test server as a standalone process bound to loopback only. The SDK's own {@code
 * TestServer.main} listens on every interface, so this main builds the server over the same
 * services. Arguments: host, port, namespace, comma-separated Keyword search attributes to register
 * in it.
 */
public final class LoopbackTestServer {
  private static final Logger log = LoggerFactory.getLogger(LoopbackTestServer.class);

  private LoopbackTestServer() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : Ports.LOOPBACK;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 7233;
    // lockTimeSkipping = true: a server process runs on real time, like the real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getByName(host), port),
            InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    if (args.length > 3 && !args[3].isBlank()) {
      try {
        registerSearchAttributes(host + ":" + port, args[2], args[3].split(","));
      } catch (RuntimeException e) {
        // A server without the platform's search attributes would fail every session later.
        log.error("cannot register search attributes", e);
        server.shutdownNow();
        System.exit(1);
      }
    }
    log.info("Java test server listening on {}:{}", host, port);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdownNow();
                  services.close();
                }));
    server.awaitTermination();
  }

  private static void registerSearchAttributes(String target, String namespace, String[] names) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      Arrays.stream(names)
          .forEach(
              n -> request.putSearchAttributes(n, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }
}
