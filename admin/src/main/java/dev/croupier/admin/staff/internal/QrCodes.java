package dev.croupier.admin.staff.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** The enrolment QR code, as SVG for the page and as block characters for the terminal. */
public final class QrCodes {
  private static final int QUIET = 2;

  private QrCodes() {}

  /** An SVG image of {@code text}, one unit per module, scaled by the page. */
  public static String svg(String text) {
    BitMatrix m = matrix(text);
    int size = m.getWidth() + 2 * QUIET;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x + QUIET).append(' ').append(y + QUIET).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"%s\"/></svg>"
        .formatted(size, size, size, size, path);
  }

  /** {@code text} as lines of half-block characters, dark on light, for a terminal. */
  public static String terminal(String text) {
    BitMatrix m = matrix(text);
    int w = m.getWidth();
    int h = m.getHeight();
    StringBuilder out = new StringBuilder();
    for (int y = -QUIET; y < h + QUIET; y += 2) {
      for (int x = -QUIET; x < w + QUIET; x++) {
        boolean top = dark(m, x, y);
        boolean bottom = dark(m, x, y + 1);
        // Light cells are drawn, dark ones left blank: reads well on dark and light terminals.
        out.append(top ? (bottom ? ' ' : '▄') : (bottom ? '▀' : '█'));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean dark(BitMatrix m, int x, int y) {
    return x >= 0 && y >= 0 && x < m.getWidth() && y < m.getHeight() && m.get(x, y);
  }

  private static BitMatrix matrix(String text) {
    try {
      return new QRCodeWriter()
          .encode(
              text,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  0));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot draw a QR code of that text", e);
    }
  }
}
