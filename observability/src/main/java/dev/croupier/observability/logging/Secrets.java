package dev.croupier.observability.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from a piece of log text: JSON Web Tokens (access tokens, service tokens, id
 * tokens), bearer and basic credentials, WebSocket tickets (as a subprotocol, a parameter or a
 * record's field, e.g. {@code Ticket[ticket=…]}), and the values of parameters and JSON fields
 * named like secrets. A net under the code, which never logs a secret on purpose; the text stays
 * readable.
 */
public final class Secrets {
  static final String REDACTED = "<redacted>";

  /** Three base64url parts after a JSON header: every JWT starts with {@code eyJ} ({"). */
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{8,}");

  private static final String NAMES =
      "access_?token|refresh_?token|id_?token|service_?token|token|password|passwd|secret"
          + "|client_?secret|signing_?key|sealing_?keys?|service_?token_?key|api_?key"
          + "|ticket|ws_?ticket";

  /** A WebSocket ticket offered as a subprotocol, as in a logged Sec-WebSocket-Protocol header. */
  private static final Pattern TICKET_SUBPROTOCOL =
      Pattern.compile("(croupier\\.ticket\\.)[A-Za-z0-9_-]{8,}");

  /** {@code name=value} in a query string, a form or a key=value message. */
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)\\b(" + NAMES + ")=([^&\\s\"',;}]+)");

  /** An OAuth2 authorization code or state in a URL's query. */
  private static final Pattern AUTHORIZATION_CODE =
      Pattern.compile("([?&](?:code|state)=)[^&\\s\"']+");

  /** {@code "name": "value"} in a JSON text. */
  private static final Pattern JSON_FIELD =
      Pattern.compile("(?i)\"(" + NAMES + ")\"(\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

  private Secrets() {}

  /** {@code text} with every credential replaced by {@code <redacted>}; null stays null. */
  public static String scrub(String text) {
    if (text == null || text.length() < 8) {
      return text;
    }
    String out = text;
    if (out.contains("eyJ")) {
      out = JWT.matcher(out).replaceAll(REDACTED);
    }
    if (containsIgnoreCase(out, "bearer") || containsIgnoreCase(out, "basic")) {
      out = AUTHORIZATION.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    }
    if (out.contains("croupier.ticket.")) {
      out = TICKET_SUBPROTOCOL.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    }
    if (out.indexOf('=') >= 0) {
      out = PARAMETER.matcher(out).replaceAll("$1=" + Matcher.quoteReplacement(REDACTED));
      out = AUTHORIZATION_CODE.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    }
    if (out.indexOf('"') >= 0) {
      out =
          JSON_FIELD
              .matcher(out)
              .replaceAll("\"$1\"$2\"" + Matcher.quoteReplacement(REDACTED) + "\"");
    }
    return out;
  }

  private static boolean containsIgnoreCase(String text, String word) {
    return indexOfIgnoreCase(text, word) >= 0;
  }

  private static int indexOfIgnoreCase(String text, String word) {
    int max = text.length() - word.length();
    for (int i = 0; i <= max; i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }
}
