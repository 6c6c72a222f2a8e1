package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.IdentityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code croupier.identity.max-body-bytes} with 413 and code
 * PAYLOAD_TOO_LARGE: at once when {@code Content-Length} says so, else while the body is read, so a
 * chunked upload cannot get around it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class BodySizeLimitFilter extends OncePerRequestFilter {
  static final FieldError FIELD_ERROR =
      new FieldError("body", ErrorCode.PAYLOAD_TOO_LARGE.name(), "The request body is too large.");

  private final int maxBytes;
  private final Problems problems;

  BodySizeLimitFilter(IdentityProperties properties, Problems problems) {
    this.maxBytes = properties.maxBodyBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      problems.write(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          ErrorCode.PAYLOAD_TOO_LARGE,
          "The request body is over %d bytes.".formatted(maxBytes),
          List.of(FIELD_ERROR));
      return;
    }
    chain.doFilter(new Limited(request, maxBytes), response);
  }

  static boolean isTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(int maxBytes) {
      super("The request body is over " + maxBytes + " bytes.");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final int maxBytes;
    private @Nullable ServletInputStream stream;

    Limited(HttpServletRequest request, int maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final int maxBytes;
    private long count;

    CountingStream(ServletInputStream in, int maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      count += n;
      if (count > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
