package dev.croupier.gateway.ws;

import dev.croupier.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The server's frames as JSON: replies, errors and events, in the shapes of PROTOCOL.md. */
@Component
public class Frames {
  private final JsonMapper mapper = JsonMapper.builder().build();

  JsonMapper mapper() {
    return mapper;
  }

  String reply(String re, String type, Object payload) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("re", re);
    f.put("type", type);
    f.put("payload", payload);
    return mapper.writeValueAsString(f);
  }

  String error(@Nullable String re, ErrorCode code, String message) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", "error");
    f.put("re", re);
    f.put("code", code.name());
    f.put("message", message);
    return mapper.writeValueAsString(f);
  }

  static Map<String, Object> event(ServerEvent event) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", event.type());
    f.put("payload", event.payload());
    return f;
  }
}
