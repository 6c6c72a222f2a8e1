package dev.croupier.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's view of the admin app without a browser: a cookie jar, the CSRF token of the last
 * page read, forms posted as a browser posts them, and no redirects followed, so a test sees them.
 */
public final class StaffSession {
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"|name=\"csrf-token\" content=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  // Kept by hand: java.net.CookieManager drops Secure cookies over http, browsers keep them for
  // loopback addresses.
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  /** A session from {@code 127.0.0.1}. */
  public StaffSession(String base) {
    this(base, "127.0.0.1");
  }

  /** A session from another loopback address, as a second client would be. */
  public StaffSession(String base, String localAddress) {
    this.base = base;
    try {
      this.http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .localAddress(InetAddress.getByName(localAddress))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** GETs {@code path} and remembers the page's CSRF token. */
  public HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1) != null ? m.group(1) : m.group(2);
    }
    return r;
  }

  /** POSTs a form with the CSRF token of the last page read, as a browser does. */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf != null) {
      fields.put("_csrf", csrf);
    }
    return postRaw(path, fields);
  }

  /** POSTs a form exactly as given: no CSRF token unless it is in {@code form}. */
  public HttpResponse<String> postRaw(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** GETs {@code path} asking for JSON, as an API client would. */
  public HttpResponse<String> getJson(String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
  }

  /** Signs in with the member's password and their current TOTP code. */
  public HttpResponse<String> signIn(TestAdmin.Member m) {
    return signIn(m.email(), TestAdmin.PASSWORD, m.code(Instant.now()));
  }

  public HttpResponse<String> signIn(String email, String password, String code) {
    get("/sign-in");
    return post("/sign-in", Map.of("email", email, "password", password, "code", code));
  }

  /** The value of cookie {@code name}, if the jar has it. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      for (String set : r.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
          cookies.remove(pair.substring(0, eq));
        } else {
          cookies.put(pair.substring(0, eq), value);
        }
      }
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
