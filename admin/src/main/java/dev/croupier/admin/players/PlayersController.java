package dev.croupier.admin.players;

import dev.croupier.admin.approvals.Adjustments;
import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.platform.AdminIdentity;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.PageModel;
import dev.croupier.admin.web.Requires;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Players: search (over email, display name, user id and account number), the player's page, and
 * the lock, unlock and sign-out actions. Every search and every view of a player's page is audited
 * (they show personal data); every action is audited as attempted, then as it ended.
 */
@Controller
class PlayersController {
  private static final int PAGE = 20;

  private final AdminIdentity identity;
  private final AdminWallet wallet;
  private final PlayerGames games;
  private final Adjustments adjustments;
  private final AuditLog audit;

  PlayersController(
      AdminIdentity identity,
      AdminWallet wallet,
      PlayerGames games,
      Adjustments adjustments,
      AuditLog audit) {
    this.identity = identity;
    this.wallet = wallet;
    this.games = games;
    this.adjustments = adjustments;
    this.audit = audit;
  }

  @Requires(Permission.PLAYER_SEARCH)
  @GetMapping("/players")
  String search(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "") String page,
      HttpServletRequest request,
      Model model) {
    String query = q.strip();
    model.addAttribute("q", query);
    if (query.isEmpty()) {
      return "players";
    }
    if (query.length() > 254 || page.length() > 200) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "q: at most 254 characters");
    }
    audit.append(
        Actors.of(request),
        new AuditLog.Event(
            "player.search", "players", null, null, AuditJson.of("query", query), Outcome.OK));
    if (query.matches("\\d{1,18}")) {
      // An account number: its owner, if it has one.
      Optional<UUID> owner = wallet.accountOwner(Long.parseLong(query));
      List<AdminIdentity.PlayerProfile> found =
          owner.flatMap(identity::player).map(List::of).orElse(List.of());
      model.addAttribute("players", found);
      model.addAttribute("byAccount", true);
      return "players";
    }
    AdminIdentity.Page result = identity.search(query, page, PAGE);
    model.addAttribute("players", result.players());
    model.addAttribute("next", result.nextPageToken());
    return "players";
  }

  @Requires(Permission.PLAYER_VIEW)
  @GetMapping("/players/{userId}")
  String player(@PathVariable UUID userId, HttpServletRequest request, Model model) {
    AdminIdentity.PlayerProfile player =
        identity
            .player(userId)
            .orElseThrow(
                () -> new CroupierException(ErrorCode.UNKNOWN_PLAYER, "no player " + userId));
    audit.append(
        Actors.of(request), AuditLog.Event.of("player.view", "player:" + userId, Outcome.OK));
    model.addAttribute("player", player);
    model.addAttribute("logins", section(() -> identity.logins(userId, 20)));
    Section<List<AdminWallet.OwnedAccount>> accounts = section(() -> wallet.ownerAccounts(userId));
    model.addAttribute("accounts", accounts);
    Section<List<AdminWallet.LedgerEntry>> entries =
        section(
            () ->
                accounts.value().stream()
                    .filter(a -> a.type().equals("PLAYER") && a.currency().equals("COIN"))
                    .findFirst()
                    .map(a -> wallet.lastEntries(a.accountId(), Duration.ofDays(90), 25))
                    .orElse(List.of()));
    model.addAttribute("entries", entries);
    Set<String> tables = new LinkedHashSet<>();
    if (entries.value() != null) {
      entries.value().stream()
          .map(AdminWallet.LedgerEntry::tableId)
          .filter(t -> !t.isEmpty())
          .forEach(tables::add);
    }
    model.addAttribute(
        "tables",
        tables.stream().map(t -> Map.of("id", t, "webUi", games.webUi("table-" + t))).toList());
    model.addAttribute("sessions", section(() -> games.sessions(userId, 20)));
    model.addAttribute("adjustments", adjustments.of(userId, 20));
    model.addAttribute("requestId", UUID.randomUUID());
    return "player";
  }

  @Requires(Permission.PLAYER_LOCK)
  @PostMapping("/players/{userId}/lock")
  String lock(
      @PathVariable UUID userId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    return change(
        userId,
        "player.lock",
        reason,
        request,
        (a, why) -> {
          identity.lock(userId, true, a.staff().staffId(), a.requestId(), why);
          return "Locked: no sign-in, every token and socket ended.";
        });
  }

  @Requires(Permission.PLAYER_LOCK)
  @PostMapping("/players/{userId}/unlock")
  String unlock(
      @PathVariable UUID userId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    return change(
        userId,
        "player.unlock",
        reason,
        request,
        (a, why) -> {
          identity.lock(userId, false, a.staff().staffId(), a.requestId(), why);
          return "Unlocked: the player may sign in again.";
        });
  }

  @Requires(Permission.PLAYER_SIGN_OUT)
  @PostMapping("/players/{userId}/sign-out")
  String signOut(
      @PathVariable UUID userId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    return change(
        userId,
        "player.sign-out",
        reason,
        request,
        (a, why) -> {
          int revoked = identity.signOut(userId, a.staff().staffId(), a.requestId(), why);
          return "Signed out everywhere (" + revoked + " sign-ins ended).";
        });
  }

  /** An action on a player elsewhere: audited as attempted, then as it ended. */
  private String change(
      UUID userId,
      String action,
      String reason,
      HttpServletRequest request,
      java.util.function.BiFunction<Actor, String, String> effect) {
    String why = AuditJson.reason(reason);
    Actor actor = Actors.of(request);
    String target = "player:" + userId;
    audit.append(actor, new AuditLog.Event(action, target, why, null, null, Outcome.ATTEMPTED));
    try {
      String done = effect.apply(actor, why);
      audit.append(actor, new AuditLog.Event(action, target, why, null, null, Outcome.OK));
      PageModel.flash(request, done);
    } catch (CroupierException e) {
      audit.append(
          actor,
          new AuditLog.Event(
              action, target, why, null, AuditJson.of("code", e.code().name()), Outcome.FAILED));
      throw e;
    }
    return "redirect:/players/" + userId;
  }

  /** A part of the player's page from one source: its value, or which source did not answer. */
  record Section<T>(T value, String unavailable) {}

  private static <T> Section<T> section(Supplier<T> source) {
    try {
      return new Section<>(source.get(), null);
    } catch (CroupierException e) {
      return new Section<>(null, e.getMessage());
    } catch (RuntimeException e) {
      return new Section<>(null, "unavailable: " + e.getClass().getSimpleName());
    }
  }
}
