package dev.croupier.admin.staff;

import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.internal.QrCodes;
import dev.croupier.admin.staff.internal.Totp;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.ErrorPages;
import dev.croupier.admin.web.FormErrors;
import dev.croupier.admin.web.Public;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff sign-in and sign-out, and enrolment through a one-time link: set a password, scan the TOTP
 * QR code, confirm a code, keep the recovery codes.
 */
@Controller
class SignInController {
  private static final String ENROLMENT_SECRET = "croupier.enrolment.secret";

  private final SignIn signIn;
  private final Staff staff;
  private final AuditLog audit;
  private final SecurityContextRepository contexts;

  SignInController(SignIn signIn, Staff staff, AuditLog audit, SecurityContextRepository contexts) {
    this.signIn = signIn;
    this.staff = staff;
    this.audit = audit;
    this.contexts = contexts;
  }

  @Public
  @GetMapping("/sign-in")
  String form() {
    return Actors.staff().isPresent() ? "redirect:/" : "sign-in";
  }

  @Public
  @PostMapping("/sign-in")
  String signIn(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (email.length() > 254 || password.length() > 256 || code.length() > 64) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", "Sign-in failed.");
      return "sign-in";
    }
    SignIn.Result result = signIn.attempt(email, password.toCharArray(), code, Actors.of(request));
    switch (result) {
      case SignIn.Result.Success s -> {
        // A new session id for the signed-in session: no fixation.
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                s.member(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + s.member().role()))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        if (s.recoveryCodesLeft() >= 0) {
          request
              .getSession()
              .setAttribute(
                  "flash",
                  "You signed in with a recovery code: "
                      + s.recoveryCodesLeft()
                      + " left. Ask an ADMIN for a new enrolment if you lost your authenticator.");
        }
        return "redirect:/";
      }
      case SignIn.Result.Locked l -> {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        long minutes = Math.max(1, Duration.between(Instant.now(), l.until()).toMinutes() + 1);
        response.setHeader("Retry-After", String.valueOf(minutes * 60));
        model.addAttribute(
            "error",
            "Too many failed sign-ins from your address. Try again in " + minutes + " minutes.");
        model.addAttribute("code", ErrorCode.RATE_LIMITED.name());
        model.addAttribute("email", email);
        return "sign-in";
      }
      case SignIn.Result.Refused r -> {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("error", "Sign-in failed: the email, password or code is wrong.");
        model.addAttribute("code", ErrorCode.BAD_CREDENTIALS.name());
        model.addAttribute("email", email);
        return "sign-in";
      }
    }
  }

  @Public
  @PostMapping("/sign-out")
  String signOut(HttpServletRequest request) {
    if (Actors.staff().isPresent()) {
      audit.append(
          Actors.of(request),
          AuditLog.Event.of(
              "staff.sign-out", "staff:" + Actors.staff().get().staffId(), Outcome.OK));
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return "redirect:/sign-in?signedOut";
  }

  @Public
  @GetMapping("/enrol/{token}")
  String enrolForm(@PathVariable String token, HttpServletRequest request, Model model) {
    StaffMember member = invited(token);
    byte[] secret = staff.newTotpSecret();
    request.getSession(true).setAttribute(ENROLMENT_SECRET, secret);
    show(model, member, secret);
    model.addAttribute("token", token);
    return "enrol";
  }

  @Public
  @PostMapping("/enrol/{token}")
  String enrol(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String confirmation,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    StaffMember member = invited(token);
    HttpSession session = request.getSession(true);
    byte[] secret =
        Optional.ofNullable((byte[]) session.getAttribute(ENROLMENT_SECRET))
            .orElseGet(
                () -> {
                  byte[] fresh = staff.newTotpSecret();
                  session.setAttribute(ENROLMENT_SECRET, fresh);
                  return fresh;
                });
    model.addAttribute("token", token);
    if (!password.equals(confirmation)) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      show(model, member, secret);
      model.addAttribute(
          "errors",
          Map.of(
              "confirmation",
              "the two passwords differ",
              "code",
              ErrorCode.VALIDATION_FAILED.name()));
      return "enrol";
    }
    try {
      Staff.Enrolment done =
          staff.enrol(token, password.toCharArray(), secret, code, Actors.of(request));
      session.removeAttribute(ENROLMENT_SECRET);
      model.addAttribute("member", done.member());
      model.addAttribute("recoveryCodes", done.recoveryCodes());
      return "enrolled";
    } catch (CroupierException e) {
      response.setStatus(ErrorPages.status(e.code()).value());
      show(model, member, secret);
      model.addAttribute(
          "errors",
          e.code() == ErrorCode.BAD_CREDENTIALS
              ? Map.of("totp", e.getMessage(), "code", e.code().name())
              : FormErrors.of(e));
      return "enrol";
    }
  }

  private StaffMember invited(String token) {
    return staff
        .invited(token)
        .orElseThrow(
            () ->
                new CroupierException(
                    ErrorCode.ENROLMENT_INVALID, "this enrolment link does not work"));
  }

  private void show(Model model, StaffMember member, byte[] secret) {
    String uri = staff.totpUri(member, secret);
    model.addAttribute("member", member);
    model.addAttribute("qr", QrCodes.svg(uri));
    model.addAttribute("secret", Totp.base32(secret));
  }
}
