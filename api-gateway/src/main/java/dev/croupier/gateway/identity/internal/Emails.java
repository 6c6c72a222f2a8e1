package dev.croupier.gateway.identity.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Email normalisation: trim, lower-case the local part and the domain, and write an
 * internationalised domain in ASCII (punycode). Two spellings of one address normalise to the same
 * string, which is unique in the database. Local parts must be ASCII (RFC 5321 without SMTPUTF8).
 */
final class Emails {
  static final int MAX_LENGTH = 254;
  private static final String LOCAL_SPECIALS = "!#$%&'*+-/=?^_`{|}~.";

  private Emails() {}

  /** The normalised address, or empty when it is not a valid address. */
  static Optional<String> normalise(String raw) {
    String email = raw.strip();
    int at = email.lastIndexOf('@');
    if (email.isEmpty() || email.length() > MAX_LENGTH || at <= 0 || at == email.length() - 1) {
      return Optional.empty();
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (!validLocal(local)) {
      return Optional.empty();
    }
    Optional<String> asciiDomain = asciiDomain(domain);
    if (asciiDomain.isEmpty()) {
      return Optional.empty();
    }
    String normalised = local.toLowerCase(Locale.ROOT) + "@" + asciiDomain.get();
    return normalised.length() <= MAX_LENGTH ? Optional.of(normalised) : Optional.empty();
  }

  private static boolean validLocal(String local) {
    if (local.length() > 64 || local.startsWith(".") || local.endsWith(".")) {
      return false;
    }
    if (local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || LOCAL_SPECIALS.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.length() > 253 || ascii.endsWith(".")) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        return Optional.empty();
      }
    }
    // A top-level domain is never all digits; this also refuses bare IPv4 addresses.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(ascii);
  }
}
