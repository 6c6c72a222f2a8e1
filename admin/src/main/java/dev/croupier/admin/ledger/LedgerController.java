package dev.croupier.admin.ledger;

import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.Money;
import dev.croupier.admin.web.Requires;
import dev.croupier.wallet.api.WalletEntryEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The live ledger page, and its stream: {@code GET /ledger/stream} sends each new entry as the
 * server-sent event {@code entry} (JSON), {@code dropped} ({@code {"count": n}}) when this viewer
 * was too slow and missed some, and a comment every 15 s to keep the connection open.
 */
@Controller
@Requires(Permission.LEDGER_LIVE)
class LedgerController {
  static final int SHOWN = LiveLedger.PAGE;
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** The transaction kinds the wallet posts, for the filter. */
  private static final List<String> KINDS =
      List.of(
          "BET",
          "WIN",
          "BET_AND_WIN",
          "BUY_IN",
          "CASH_OUT",
          "RAKE",
          "JACKPOT_WIN",
          "GRANT",
          "ADJUSTMENT",
          "REVERSAL");

  private final LiveLedger ledger;
  private final AuditLog audit;
  private final Money money;

  LedgerController(LiveLedger ledger, AuditLog audit, Money money) {
    this.ledger = ledger;
    this.audit = audit;
    this.money = money;
  }

  @GetMapping("/ledger")
  String page(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String account,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String currency,
      HttpServletRequest request,
      Model model) {
    LedgerFilter filter = LedgerFilter.of(user, account, kind, currency);
    audit.append(
        Actors.of(request),
        new AuditLog.Event(
            "ledger.watch",
            "ledger",
            null,
            null,
            AuditJson.of(
                "user",
                filter.user(),
                "account",
                filter.account(),
                "kind",
                filter.kind(),
                "currency",
                filter.currency()),
            Outcome.OK));
    model.addAttribute("filter", filter);
    model.addAttribute(
        "entries", ledger.recent(filter, SHOWN).stream().map(LedgerController::json).toList());
    model.addAttribute("shown", SHOWN);
    model.addAttribute("kinds", KINDS);
    model.addAttribute("currencies", money.scales().keySet().stream().sorted().toList());
    model.addAttribute("scalesJson", money.scalesJson());
    model.addAttribute(
        "streamUrl",
        UriComponentsBuilder.fromPath("/ledger/stream")
            .queryParamIfPresent("user", java.util.Optional.ofNullable(filter.user()))
            .queryParamIfPresent("account", java.util.Optional.ofNullable(filter.account()))
            .queryParamIfPresent("kind", java.util.Optional.ofNullable(filter.kind()))
            .queryParamIfPresent("currency", java.util.Optional.ofNullable(filter.currency()))
            .build()
            .toUriString());
    return "ledger";
  }

  @GetMapping(path = "/ledger/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String account,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String currency) {
    LedgerFilter filter = LedgerFilter.of(user, account, kind, currency);
    SseEmitter emitter = new SseEmitter(0L);
    LiveLedger.Viewer viewer = ledger.watch(filter);
    emitter.onCompletion(viewer::close);
    emitter.onTimeout(viewer::close);
    emitter.onError(e -> viewer.close());
    // One thread per viewer drains its bounded queue, so a slow browser only ever slows itself.
    Thread.ofVirtual()
        .name("live-ledger-viewer")
        .start(
            () -> {
              try (viewer) {
                emitter.send(SseEmitter.event().comment("live"));
                while (true) {
                  WalletEntryEvent e = viewer.next(HEARTBEAT);
                  long dropped = viewer.takeDropped();
                  if (dropped > 0) {
                    emitter.send(SseEmitter.event().name("dropped").data(Map.of("count", dropped)));
                  }
                  if (e == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                  } else {
                    emitter.send(
                        SseEmitter.event()
                            .name("entry")
                            .id(Long.toString(e.entryId()))
                            .data(json(e)));
                  }
                }
              } catch (IOException | IllegalStateException e) {
                // The browser went away.
                emitter.completeWithError(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
              }
            });
    return emitter;
  }

  static Map<String, Object> json(WalletEntryEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entryId", e.entryId());
    m.put("transactionId", e.transactionId());
    m.put("createdAt", e.createdAt().toString());
    m.put("kind", e.kind());
    m.put("accountId", e.accountId());
    m.put("accountType", e.accountType());
    m.put("ownerId", e.ownerId());
    m.put("currency", e.currency());
    m.put("amount", e.amount());
    m.put("balanceAfter", e.balanceAfter());
    m.put("sessionId", e.sessionId());
    m.put("round", e.round());
    m.put("tableId", e.tableId());
    m.put("idempotencyKey", e.idempotencyKey());
    return m;
  }
}
