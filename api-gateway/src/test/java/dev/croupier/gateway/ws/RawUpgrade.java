package dev.croupier.gateway.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A WebSocket upgrade request written by hand, so a test can send what the JDK's client refuses to
 * (a malformed Origin, no subprotocol) and read the refusal's problem body.
 */
final class RawUpgrade {
  private RawUpgrade() {}

  /** The answer: status and, for a problem, its JSON body (else null). */
  record Answer(int status, String contentType, JsonNode problem) {
    String code() {
      return problem == null ? null : problem.path("code").asString();
    }
  }

  static Answer send(int port, String pathAndQuery, Map<String, String> headers) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      StringBuilder request =
          new StringBuilder()
              .append("GET ")
              .append(pathAndQuery)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1:")
              .append(port)
              .append("\r\n")
              .append("Upgrade: websocket\r\n")
              .append("Connection: Upgrade\r\n")
              .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
              .append("Sec-WebSocket-Version: 13\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = readHead(socket.getInputStream());
      String[] lines = response.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String contentType = "";
      int length = -1;
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase();
        if (lower.startsWith("content-type:")) {
          contentType = line.substring(13).strip();
        } else if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      if (status == 101) {
        return new Answer(status, contentType, null);
      }
      String body =
          chunked
              ? readChunked(socket.getInputStream())
              : readBody(socket.getInputStream(), length);
      JsonNode problem =
          contentType.startsWith("application/problem+json") ? WsStack.JSON.readTree(body) : null;
      return new Answer(status, contentType, problem);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readBody(InputStream in, int length) throws IOException {
    return new String(
        length >= 0 ? in.readNBytes(length) : in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          size.append((char) b);
        }
      }
      int n = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
      if (n == 0) {
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(n));
      in.read();
      in.read();
    }
  }
}
