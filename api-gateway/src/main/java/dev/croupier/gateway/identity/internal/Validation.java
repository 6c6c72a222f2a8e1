package dev.croupier.gateway.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Field checks for {@code /auth} requests; all problems are reported at once, as field errors. */
final class Validation {
  static final int PASSWORD_MIN = 10;
  static final int PASSWORD_MAX = 128;
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Validation() {}

  record NewUser(String email, String password, String displayName) {}

  record Credentials(String email, String password, Optional<String> deviceId) {}

  static NewUser register(Requests.Register r) {
    List<FieldError> errors = new ArrayList<>();
    String email = email(r.email(), errors);
    String password = newPassword(r.password(), errors);
    String displayName = displayName(r.displayName(), errors);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new NewUser(email, password, displayName);
  }

  static Credentials login(Requests.Login r) {
    List<FieldError> errors = new ArrayList<>();
    String email = email(r.email(), errors);
    String password = r.password();
    if (password == null || password.isEmpty()) {
      errors.add(new FieldError("password", "REQUIRED", "Enter your password."));
    } else if (password.length() > PASSWORD_MAX * 2) {
      // No stored password is this long; refusing here keeps huge inputs away from the KDF.
      errors.add(new FieldError("password", "TOO_LONG", "The password is too long."));
    }
    String deviceId = r.deviceId();
    if (deviceId != null && !DEVICE_ID.matcher(deviceId).matches()) {
      errors.add(
          new FieldError("deviceId", "INVALID", "1 to 64 characters: letters, digits and . _ : -"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new Credentials(email, password, Optional.ofNullable(deviceId));
  }

  /** An optional device id: empty when absent, a field error when malformed. */
  static Optional<String> deviceId(@Nullable String deviceId) {
    if (deviceId != null && !DEVICE_ID.matcher(deviceId).matches()) {
      throw ApiException.invalid(
          List.of(
              new FieldError(
                  "deviceId", "INVALID", "1 to 64 characters: letters, digits and . _ : -")));
    }
    return Optional.ofNullable(deviceId);
  }

  static String refreshToken(@Nullable String token) {
    if (token == null || token.isBlank()) {
      throw ApiException.invalid(
          List.of(new FieldError("refreshToken", "REQUIRED", "Send the refresh token.")));
    }
    return token;
  }

  private static String email(@Nullable String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      errors.add(new FieldError("email", "REQUIRED", "Enter an email address."));
      return "";
    }
    Optional<String> email = Emails.normalise(raw);
    if (email.isEmpty()) {
      errors.add(new FieldError("email", "INVALID_EMAIL", "This is not a valid email address."));
      return "";
    }
    return email.get();
  }

  private static String newPassword(@Nullable String password, List<FieldError> errors) {
    if (password == null || password.isEmpty()) {
      errors.add(new FieldError("password", "REQUIRED", "Choose a password."));
      return "";
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN) {
      errors.add(
          new FieldError("password", "TOO_SHORT", "Use at least " + PASSWORD_MIN + " characters."));
    } else if (length > PASSWORD_MAX) {
      errors.add(
          new FieldError("password", "TOO_LONG", "Use at most " + PASSWORD_MAX + " characters."));
    } else if (password.isBlank()) {
      errors.add(new FieldError("password", "BLANK", "A password cannot be only spaces."));
    }
    return password;
  }

  private static String displayName(@Nullable String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      errors.add(new FieldError("displayName", "REQUIRED", "Choose a display name."));
      return "";
    }
    DisplayNames.Result result = DisplayNames.check(raw);
    if (result.problem().isPresent()) {
      DisplayNames.Problem problem = result.problem().get();
      errors.add(new FieldError("displayName", problem.name(), message(problem)));
      return "";
    }
    return result.name().orElseThrow();
  }

  private static String message(DisplayNames.Problem problem) {
    return switch (problem) {
      case LENGTH -> "Use %d to %d characters.".formatted(DisplayNames.MIN, DisplayNames.MAX);
      case FORBIDDEN_CHARACTER ->
          "Use letters, digits, single spaces and _ - . ' only; no invisible or control characters.";
      case SPACING -> "No leading, trailing, double or unusual spaces.";
      case MIXED_SCRIPTS -> "Use letters from one alphabet only.";
    };
  }
}
