package dev.croupier.wallet.api;

import dev.croupier.errors.ErrorCode;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the calling service: the common name of the client certificate that the TLS handshake
 * verified against the trusted CA. A call without one (which the server's required client
 * authentication does not let through) is closed with UNAUTHENTICATED and error code UNKNOWN_CALLER
 * before the request is read. The name is available as {@link #CALLER}.
 */
public final class TlsCallerInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(TlsCallerInterceptor.class);

  /** The authenticated calling service. */
  public static final Context.Key<String> CALLER = Context.key("croupier-caller");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<String> caller = commonName(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    if (caller.isEmpty()) {
      log.warn(
          "Refused {}: no verified client certificate",
          call.getMethodDescriptor().getBareMethodName());
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              ErrorCode.UNKNOWN_CALLER.name() + ": no verified client certificate"),
          WalletErrors.trailers(ErrorCode.UNKNOWN_CALLER));
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(CALLER, caller.get()), call, headers, next);
  }

  /** The CN of the peer's leaf certificate, if the session has a verified one. */
  static Optional<String> commonName(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return Optional.empty();
      }
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return Optional.empty();
    }
  }
}
