package dev.croupier.gateway.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Wager;
import dev.croupier.gateway.games.LiveFeatures;
import dev.croupier.gateway.games.SessionSettings;
import dev.croupier.gateway.identity.PlayerBalances;
import dev.croupier.gateway.identity.RateLimitAction;
import dev.croupier.gateway.identity.RateLimiter;
import dev.croupier.gateway.ws.ClientMessage.ChooseClientSeed;
import dev.croupier.gateway.ws.ClientMessage.CloseSession;
import dev.croupier.gateway.ws.ClientMessage.GetBalance;
import dev.croupier.gateway.ws.ClientMessage.OpenSession;
import dev.croupier.gateway.ws.ClientMessage.Ping;
import dev.croupier.gateway.ws.ClientMessage.PlaceBet;
import dev.croupier.gateway.ws.ClientMessage.SendChat;
import dev.croupier.gateway.ws.ClientMessage.SessionState;
import dev.croupier.gateway.ws.ClientMessage.Subscribe;
import dev.croupier.gateway.ws.ClientMessage.TableMessage;
import dev.croupier.gateway.ws.ClientMessage.Unsubscribe;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.RoundOutcome;
import dev.croupier.workflows.session.SessionSummary;
import dev.croupier.workflows.session.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out one request of a socket: the Temporal session calls, the wallet balance, topics and
 * chat. Runs on a virtual thread, never on the socket's I/O thread. Every failure becomes an error
 * frame with a catalogue code; nothing here closes the socket.
 */
@Component
class MessageDispatcher {
  private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
  static final int MAX_CHAT_CODE_POINTS = 280;

  private final GameSessions sessions;
  private final GameRegistry games;
  private final SessionSettings sessionSettings;
  private final LiveFeatures features;
  private final PlayerBalances balances;
  private final RateLimiter rateLimiter;
  private final Sockets sockets;
  private final RealtimeFeeds feeds;
  private final Frames frames;
  private final TableDesk tables;
  private final FrameTelemetry telemetry;
  private final Cache<String, String> betFingerprints;

  MessageDispatcher(
      GameSessions sessions,
      GameRegistry games,
      SessionSettings sessionSettings,
      LiveFeatures features,
      PlayerBalances balances,
      RateLimiter rateLimiter,
      Sockets sockets,
      RealtimeFeeds feeds,
      Frames frames,
      TableDesk tables,
      FrameTelemetry telemetry,
      WsProperties properties) {
    this.sessions = sessions;
    this.games = games;
    this.sessionSettings = sessionSettings;
    this.features = features;
    this.balances = balances;
    this.rateLimiter = rateLimiter;
    this.sockets = sockets;
    this.feeds = feeds;
    this.frames = frames;
    this.tables = tables;
    this.telemetry = telemetry;
    this.betFingerprints =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.replayWindow())
            .maximumSize(1_000_000)
            .build();
  }

  /**
   * Carries out {@code message} and answers it.
   *
   * @return {@link FrameTelemetry#OK}, or the error code of the error frame it answered with
   */
  String dispatch(Connection c, ClientMessage message) {
    try {
      switch (message) {
        case OpenSession m -> open(c, m);
        case CloseSession m -> close(c, m);
        case ChooseClientSeed m -> {
          String seed =
              sessions.chooseClientSeed(c.player().userId(), m.sessionId(), m.id(), m.clientSeed());
          c.send(
              frames.reply(
                  m.id(),
                  "session.seeded",
                  Map.of("sessionId", m.sessionId().toString(), "clientSeed", seed)),
              false);
        }
        case PlaceBet m -> bet(c, m);
        case SessionState m -> state(c, m);
        case GetBalance m ->
            c.send(
                frames.reply(
                    m.id(),
                    "balance",
                    Map.of(
                        "currency",
                        m.currency(),
                        "balance",
                        balances.balance(c.player().userId(), m.currency()))),
                false);
        case Subscribe m -> subscribe(c, m);
        case Unsubscribe m -> {
          sockets.unsubscribe(c, m.topic());
          c.send(
              frames.reply(m.id(), "unsubscribed", Map.of("topic", m.topic().wireName())), false);
        }
        case SendChat m -> chat(c, m);
        case Ping m ->
            c.send(
                frames.reply(m.id(), "pong", Map.of("serverTime", Instant.now().toString())),
                false);
        case TableMessage m -> tables.handle(c, m);
      }
      return FrameTelemetry.OK;
    } catch (CroupierException e) {
      if (e.code() == ErrorCode.NOT_YOUR_SESSION) {
        log.warn(
            "refused {} {} on session {} by user {} from {}: the session belongs to another player",
            typeOf(message),
            message.id(),
            sessionOf(message),
            c.player().userId(),
            c.ip());
      }
      c.send(frames.error(message.id(), e.code(), messageOf(e)), false);
      return e.code().name();
    } catch (ProtocolException e) {
      c.send(frames.error(e.re(), e.code(), e.getMessage()), false);
      return e.code().name();
    } catch (RuntimeException e) {
      log.error("request {} of user {} failed", message.id(), c.player().userId(), e);
      c.send(
          frames.error(message.id(), ErrorCode.INTERNAL, ErrorCode.INTERNAL.description()), false);
      return ErrorCode.INTERNAL.name();
    }
  }

  private void open(Connection c, OpenSession m) {
    GamePlugin plugin =
        m.version() == null ? games.latest(m.gameId()) : games.find(m.gameId(), m.version());
    GameDescriptor d = plugin.descriptor();
    boolean autoSpin = features.autoSpin();
    // The session may auto-spin up to its maximum; whether a player may ask for it is the live
    // flag, checked at every bet below, so turning the flag on or off reaches open sessions too.
    OpenedSession opened =
        sessions.open(c.player().userId(), d.ref(), m.clientSeed(), sessionSettings.options(true));
    telemetry.rememberGame(opened.sessionId(), d.ref().toString());
    log.info(
        "user {} opened session {} on {} from {}",
        c.player().userId(),
        opened.sessionId(),
        d.ref(),
        c.ip());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("sessionId", opened.sessionId().toString());
    p.put("game", game(d, autoSpin));
    p.put("commitment", opened.commitment());
    p.put("clientSeed", opened.clientSeed());
    p.put("balance", opened.balance());
    c.send(frames.reply(m.id(), "session.opened", p), false);
  }

  private void close(Connection c, CloseSession m) {
    SessionSummary s = sessions.close(c.player().userId(), m.sessionId());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("sessionId", s.sessionId().toString());
    p.put("serverSeed", s.revealedServerSeed());
    p.put("commitment", s.commitment());
    p.put("clientSeed", s.clientSeed());
    p.put("rounds", s.totals().rounds());
    p.put("balance", s.balance());
    c.send(frames.reply(m.id(), "session.closed", p), false);
  }

  private void bet(Connection c, PlaceBet m) {
    UUID user = c.player().userId();
    // The workflow refuses the same id with another wager on the same session; this also catches
    // the same id on another session, for the ids this node has seen.
    String first = betFingerprints.get(user + "/" + m.id(), k -> m.fingerprint());
    if (!first.equals(m.fingerprint())) {
      throw new CroupierException(
          ErrorCode.DUPLICATE_REQUEST, "This id was already used for another bet.");
    }
    if (m.spins() > 1 && !features.autoSpin()) {
      throw new CroupierException(ErrorCode.FEATURE_DISABLED, "Auto-spin is switched off.");
    }
    Wager wager = new Wager(m.amount(), m.currency());
    BetOutcome outcome =
        m.spins() > 1
            ? sessions.autoSpin(user, m.sessionId(), m.id(), wager, m.spins())
            : sessions.placeBet(user, m.sessionId(), m.id(), wager);
    RoundOutcome last = outcome.last();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("sessionId", m.sessionId().toString());
    p.put("round", last.round());
    p.put("stake", last.stake());
    p.put("win", last.totalWin());
    p.put("balance", outcome.balance());
    p.put("currency", m.currency());
    p.put("jackpotHit", last.jackpotHit());
    p.put("jackpotWin", last.jackpotWin());
    p.put("outcome", last.outcome());
    if (m.spins() > 1) {
      List<Map<String, Object>> rounds = new ArrayList<>();
      for (RoundOutcome r : outcome.rounds()) {
        rounds.add(round(r));
      }
      p.put("rounds", rounds);
      if (outcome.stoppedBy() != null) {
        p.put("stoppedBy", outcome.stoppedBy());
      }
    }
    c.send(frames.reply(m.id(), "bet.result", p), false);
  }

  private void state(Connection c, SessionState m) {
    SessionView v = sessions.state(c.player().userId(), m.sessionId());
    if (v.game() != null) {
      telemetry.rememberGame(v.sessionId(), v.game().toString());
    }
    if (!v.ready() || v.commitment() == null) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "The session is still opening.");
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("sessionId", v.sessionId().toString());
    p.put("status", v.status().name());
    p.put("round", v.round());
    p.put("commitment", v.commitment());
    p.put("clientSeed", v.clientSeed());
    gameOf(v.game()).ifPresent(d -> p.put("game", game(d, false)));
    List<Map<String, Object>> last = new ArrayList<>();
    for (RoundOutcome r : v.lastResults()) {
      last.add(round(r));
    }
    p.put("lastResults", last);
    p.put("roundInProgress", v.roundInProgress());
    p.put("balance", v.balance());
    if (v.revealedServerSeed() != null) {
      p.put("serverSeed", v.revealedServerSeed());
    }
    c.send(frames.reply(m.id(), "session.state", p), false);
  }

  private void subscribe(Connection c, Subscribe m) {
    sockets.subscribe(c, m.topic());
    c.send(frames.reply(m.id(), "subscribed", Map.of("topic", m.topic().wireName())), false);
    for (ServerEvent e : feeds.snapshot(m.topic())) {
      c.send(frames.mapper().writeValueAsString(Frames.event(e)), e.droppable());
    }
  }

  private void chat(Connection c, SendChat m) {
    String text = m.text().strip();
    int length = text.codePointCount(0, text.length());
    if (length == 0 || length > MAX_CHAT_CODE_POINTS) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "A chat message has 1 to 280 characters.");
    }
    if (text.codePoints().anyMatch(Character::isISOControl)) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "A chat message cannot hold control characters.");
    }
    var decision =
        rateLimiter.tryAcquire(RateLimitAction.CHAT, Optional.of(c.player().userId()), c.ip());
    if (!decision.allowed()) {
      throw new CroupierException(
          ErrorCode.RATE_LIMITED,
          "Too many chat messages; wait " + decision.retryAfterSeconds() + " s.");
    }
    feeds.sendChat(c.player().userId(), c.displayName(), escapeHtml(text));
    c.send(frames.reply(m.id(), "chat.sent", Map.of()), false);
  }

  private Optional<GameDescriptor> gameOf(GameRef ref) {
    try {
      return Optional.of(games.find(ref).descriptor());
    } catch (CroupierException e) {
      return Optional.empty();
    }
  }

  private static Map<String, Object> game(GameDescriptor d, boolean autoSpin) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("id", d.ref().gameId());
    g.put("version", d.ref().version());
    g.put("name", d.name());
    g.put("currency", d.currency());
    g.put("minBet", d.minBet());
    g.put("maxBet", d.maxBet());
    g.put("betStep", d.betStep());
    g.put("rtp", d.math().totalRtp());
    g.put("autoSpin", autoSpin);
    return g;
  }

  private static Map<String, Object> round(RoundOutcome r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("round", r.round());
    m.put("stake", r.stake());
    m.put("win", r.totalWin());
    m.put("jackpotHit", r.jackpotHit());
    m.put("jackpotWin", r.jackpotWin());
    m.put("balance", r.balanceAfter());
    m.put("outcome", r.outcome());
    return m;
  }

  static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static String messageOf(CroupierException e) {
    return switch (e.code().kind()) {
      case INTERNAL, UNAVAILABLE -> e.code().description();
      default -> e.getMessage() == null ? e.code().description() : e.getMessage();
    };
  }

  static String sessionOf(ClientMessage m) {
    return switch (m) {
      case PlaceBet x -> x.sessionId().toString();
      case CloseSession x -> x.sessionId().toString();
      case ChooseClientSeed x -> x.sessionId().toString();
      case SessionState x -> x.sessionId().toString();
      default -> "-";
    };
  }

  static String typeOf(ClientMessage m) {
    return switch (m) {
      case OpenSession x -> "session.open";
      case CloseSession x -> "session.close";
      case ChooseClientSeed x -> "session.seed";
      case PlaceBet x -> "bet.place";
      case SessionState x -> "session.state";
      case GetBalance x -> "balance.get";
      case Subscribe x -> "subscribe";
      case Unsubscribe x -> "unsubscribe";
      case SendChat x -> "chat.send";
      case Ping x -> "ping";
      case TableMessage x -> x.type();
    };
  }
}
