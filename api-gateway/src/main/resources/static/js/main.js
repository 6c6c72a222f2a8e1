// The Croupier web client: sign in, the lobby (balance, jackpot, leaderboard, chat, tables), the
// slot, poker tables (poker.js), the fairness verifiers (slot rounds here, poker hands in
// pokerfair.js) and the transaction history (history.js). Plain ES modules served by the gateway;
// no build step. Every amount is shown with its currency's scale and code (format.js).

import * as api from "./api.js";
import { CroupierSocket, ProtocolError } from "./socket.js";
import { Reels } from "./reels.js";
import { amount, el, explain, money, setCurrencies, short, time } from "./format.js";
import { bytesToHex, verifySlotRound } from "./fair.js";
import { initPoker, showTable } from "./poker.js";
import { showHistory, showRound as showRecall } from "./history.js";
import { initPokerFairness, showPokerFairness } from "./pokerfair.js";

const $ = (sel) => document.querySelector(sel);
const SLOT = { id: "slot-classic", version: "1.0.0" };

const state = {
  me: null,
  balance: null,
  math: null,
  reels: null,
  session: null, // { sessionId, commitment, clientSeed, game }
  rounds: [],
  currency: "COIN",
  stake: 200,
  spinning: false,
  board: "biggest-win",
  period: "daily",
  boards: new Map(),
};

const socket = new CroupierSocket(api.socketTicket, (s) => ($("#conn").dataset.state = s));

// ---- routing -------------------------------------------------------------------------------------

function route() {
  const signedIn = Boolean(api.accessToken());
  document.body.classList.toggle("signed-in", signedIn);
  document.querySelectorAll("[data-when=signed-in]").forEach((n) => (n.hidden = !signedIn));
  let view = (location.hash.replace(/^#\//, "") || "lobby").split("?")[0];
  // #/table/<tableId>: one poker table; #/round/<sessionId>/<round>: one of the player's rounds.
  const table = view.startsWith("table/") ? view.slice("table/".length) : null;
  if (table) view = "table";
  const round = view.startsWith("round/") ? view.slice("round/".length).split("/") : null;
  if (round) view = "round";
  if (!signedIn) view = "auth";
  document.querySelectorAll(".view").forEach((v) => (v.hidden = v.id !== `view-${view}`));
  document.querySelectorAll(".topnav a").forEach((a) => a.classList.toggle("active",
    a.getAttribute("href") === `#/${view}` || a.dataset.also === view));
  closeMenu();
  if (view === "slot") enterSlot();
  if (view === "fairness") prefillVerifier();
  if (view === "history") showHistory();
  if (view === "round") showRecall(round[0], round[1], loadSlot);
  if (view === "poker-fairness") showPokerFairness();
  showTable(view === "table" ? table : null);
  window.scrollTo(0, 0);
}

// ---- the phone's menu ------------------------------------------------------------------------------

function closeMenu() {
  document.body.classList.remove("menu-open");
  $("#menu-toggle").setAttribute("aria-expanded", "false");
}
$("#menu-toggle").addEventListener("click", () => {
  const open = !document.body.classList.contains("menu-open");
  document.body.classList.toggle("menu-open", open);
  $("#menu-toggle").setAttribute("aria-expanded", String(open));
});
window.addEventListener("hashchange", route);

// ---- auth ----------------------------------------------------------------------------------------

document.querySelectorAll(".tab").forEach((tab) =>
  tab.addEventListener("click", () => {
    document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("active", t === tab));
    document.querySelectorAll("[data-panel]").forEach((p) => (p.hidden = p.dataset.panel !== tab.dataset.tab));
  }));

function formError(form, error) {
  const fields = error.fieldErrors?.map((f) => `${f.field}: ${f.message}`).join(" · ");
  form.querySelector(".form-error").textContent = fields || explain(error.code, error.message);
}

$("#login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  form.querySelector(".form-error").textContent = "";
  try {
    await api.login(form.email.value.trim(), form.password.value);
    form.reset();
    await signedIn();
  } catch (err) {
    formError(form, err);
  }
});

$("#register-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  form.querySelector(".form-error").textContent = "";
  try {
    await api.register(form.email.value.trim(), form.password.value, form.displayName.value.trim());
    await api.login(form.email.value.trim(), form.password.value);
    form.reset();
    await signedIn();
  } catch (err) {
    formError(form, err);
  }
});

async function logout() {
  socket.close();
  await api.signOut();
  state.session = null;
  location.hash = "#/";
  route();
}
$("#logout").addEventListener("click", logout);
$("#logout-menu").addEventListener("click", logout);

async function signedIn() {
  state.me = await api.me();
  $("#who").textContent = state.me.profile.displayName;
  // The scales of the wallet's currencies, before any amount is shown; COIN's 2 is the fallback.
  try {
    setCurrencies(await api.currencies());
  } catch { /* shown with the default scale */ }
  socket.connect();
  if (!location.hash || location.hash === "#/" || location.hash === "#/auth") location.hash = "#/lobby";
  route();
}

// The server closes the socket with 1008 when the token expired: refresh, then reconnect.
socket.on("closed", async ({ code }) => {
  if (code === 1008) await api.refresh().catch(() => api.signOut().then(route));
});

// ---- lobby ---------------------------------------------------------------------------------------

socket.on("reconnected", async () => {
  refreshBalance();
  for (const topic of ["jackpot", "leaderboard", "lobby"]) socket.subscribe(topic).catch(() => {});
  if (state.session) {
    try {
      const s = await socket.send("session.state", { sessionId: state.session.sessionId });
      if (s.status !== "OPEN") endSessionLocally();
    } catch (err) {
      if (err instanceof ProtocolError) endSessionLocally();
    }
  }
});

async function refreshBalance() {
  try {
    const b = await socket.send("balance.get", { currency: state.currency });
    setBalance(b.balance);
  } catch { /* shown as "–" until the next answer */ }
}

function setBalance(value) {
  state.balance = value;
  $("#balance").textContent = money(value, state.currency);
}

socket.on("jackpot.update", ({ pool, currency, asOf }) => {
  const node = $("#jackpot");
  node.textContent = money(pool, currency);
  node.classList.add("bump");
  setTimeout(() => node.classList.remove("bump"), 300);
  $("#jackpot-asof").textContent = `as of ${time(asOf)}`;
});

// A flag changed in admin: show or hide auto-spin at once, without a reload.
socket.on("features", ({ autoSpin }) => {
  if (state.math) state.math.features = { ...state.math.features, autoSpin };
  $(".auto").hidden = !autoSpin;
});

socket.on("jackpot.won", ({ userDisplayName, amount: won, currency }) => {
  addChat({ from: "Croupier", text: `${userDisplayName} just won the jackpot: ${money(won, currency)}!`, at: new Date().toISOString() });
});

socket.on("leaderboard.update", (board) => {
  state.boards.set(`${board.board}/${board.period}`, board.entries);
  renderBoard();
});

function renderBoard() {
  const entries = state.boards.get(`${state.board}/${state.period}`);
  const list = $("#board");
  if (!entries?.length) {
    list.replaceChildren(el("li", { class: "muted" }, "Waiting for the first results…"));
    return;
  }
  list.replaceChildren(...entries.map((e) =>
    el("li", { class: e.displayName === state.me?.profile.displayName ? "me" : "" }, e.displayName, el("span", { class: "value" }, money(e.value, state.currency)))));
}

for (const [selector, key] of [["#board-select", "board"], ["#period-select", "period"]]) {
  $(selector).addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    state[key] = button.dataset[key];
    $(selector).querySelectorAll("button").forEach((b) => b.classList.toggle("on", b === button));
    renderBoard();
  });
}

// The server HTML-escapes chat; shown through text nodes, so decoding it back is safe.
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);

function addChat({ from, text, at }) {
  const log = $("#chat-log");
  // Text nodes only: the client never parses HTML.
  text = unescapeHtml(text);
  log.append(el("li", {}, el("span", { class: "from" }, from), text, el("span", { class: "at" }, time(at))));
  while (log.children.length > 100) log.firstChild.remove();
  log.scrollTop = log.scrollHeight;
}
socket.on("lobby.chat", addChat);

$("#chat-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = e.currentTarget.text;
  const text = input.value.trim();
  if (!text) return;
  try {
    await socket.send("chat.send", { text });
    input.value = "";
  } catch (err) {
    addChat({ from: "Croupier", text: explain(err.code, err.message), at: new Date().toISOString() });
  }
});

// The lobby's table list and the table page.
initPoker({ socket, balance: () => state.balance, refreshBalance });
initPokerFairness({ socket });

// ---- the slot ------------------------------------------------------------------------------------

/** The games API answer for the slot: descriptor, reels, paylines and paytable. */
async function loadSlot() {
  if (!state.math) {
    state.math = await api.gameMath(SLOT.id, SLOT.version);
    state.currency = state.math.descriptor.currency;
  }
  return state.math;
}

async function enterSlot() {
  try {
    await loadSlot();
    $("#slot-rtp").textContent = `RTP ${(state.math.descriptor.math.baseRtp * 100).toFixed(2)} %`;
    // Auto-spin only where the feature flag is on.
    $(".auto").hidden = !state.math.features?.autoSpin;
  } catch (err) {
    toast(explain(err.code, "The game cannot be loaded."));
    return;
  }
  if (!state.reels) state.reels = new Reels($("#reels"), state.math.reels);
  renderStake();
  renderSeed();
}

function renderStake() {
  const d = state.math?.descriptor;
  if (d) state.stake = Math.min(Math.max(state.stake, d.minBet), d.maxBet);
  const lines = state.math?.paylines?.length || 20;
  $("#bet-value").textContent = money(state.stake, state.currency);
  $("#bet-line").textContent = `${money(state.stake / lines, state.currency)} per line`;
}

const STAKES = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
$("#bet-up").addEventListener("click", () => {
  state.stake = STAKES.find((s) => s > state.stake) ?? state.stake;
  renderStake();
});
$("#bet-down").addEventListener("click", () => {
  state.stake = [...STAKES].reverse().find((s) => s < state.stake) ?? state.stake;
  renderStake();
});

// ---- the player's client seed ----------------------------------------------------------------------
// Proposed by the browser (16 random bytes), editable until the session's first spin, sent with
// session.seed after the session's commitment is shown; fixed for the session after its first round.

const SEED = /^[\x21-\x7e]{1,64}$/;

function randomSeed() {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
}

function seedLocked() {
  return Boolean(state.session && (state.rounds.length > 0 || state.session.seedSent));
}

function renderSeed() {
  const input = $("#client-seed-input");
  if (!input.value) input.value = sessionStorage.getItem("croupier.clientSeed") || randomSeed();
  const locked = seedLocked();
  input.readOnly = locked;
  $("#client-seed-new").disabled = locked;
  $("#client-seed-hint").textContent = locked
    ? "Fixed for this session. Close the session to choose another for the next one."
    : "Your browser made this one at random. Change it to anything you like (up to 64 characters, no spaces) before your first spin; it is sent after the commitment, and fixed for the session.";
}

$("#client-seed-new").addEventListener("click", () => {
  if (seedLocked()) return;
  $("#client-seed-input").value = randomSeed();
  sessionStorage.setItem("croupier.clientSeed", $("#client-seed-input").value);
});
$("#client-seed-input").addEventListener("input", (e) => {
  e.currentTarget.classList.toggle("bad", !SEED.test(e.currentTarget.value));
  sessionStorage.setItem("croupier.clientSeed", e.currentTarget.value);
});

async function ensureSession() {
  const seed = $("#client-seed-input").value;
  if (!SEED.test(seed)) {
    throw Object.assign(new Error("A client seed is 1 to 64 printable characters, without spaces."), { code: "VALIDATION_FAILED" });
  }
  if (!state.session) {
    // The server commits to its seed first; only then does it learn the player's.
    const opened = await socket.send("session.open", { gameId: SLOT.id, version: SLOT.version });
    state.session = opened;
    state.rounds = [];
    $("#commitment").textContent = opened.commitment;
    $("#server-seed").textContent = "revealed when the session closes";
    $("#session-badge").textContent = `Session ${short(opened.sessionId, 4)}`;
    $("#rounds").replaceChildren();
  }
  if (!state.session.seedSent) {
    const seeded = await socket.send("session.seed", { sessionId: state.session.sessionId, clientSeed: seed });
    state.session.clientSeed = seeded.clientSeed;
    state.session.seedSent = true;
    $("#client-seed").textContent = seeded.clientSeed;
    renderSeed();
  }
  return state.session;
}

$("#spin").addEventListener("click", () => spin());

async function spin() {
  if (state.spinning) return;
  state.spinning = true;
  $("#spin").disabled = true;
  hideToast();
  $("#win-banner").hidden = true;
  const auto = $("#auto-toggle").checked && !$(".auto").hidden;
  try {
    const session = await ensureSession();
    const payload = { sessionId: session.sessionId, amount: state.stake, currency: state.currency };
    if (auto) payload.spins = Number($("#auto-count").value);
    const result = await socket.send("bet.place", payload);
    const rounds = result.rounds?.length ? result.rounds : [result];
    for (const round of rounds) await showRound(round, rounds.length > 1);
    setBalance(result.balance);
  } catch (err) {
    toast(explain(err.code, err.message));
    if (err.code === "SESSION_CLOSED") endSessionLocally();
  } finally {
    state.spinning = false;
    $("#spin").disabled = false;
    renderSeed();
  }
}

async function showRound(round, fast) {
  for (const spin of round.outcome.spins) {
    await state.reels.spinTo(spin.stops, { fast });
    state.reels.highlight(state.math.paylines, spin.lineWins);
  }
  // The progressive jackpot is paid on top of the game's fixed win, in its own ledger post.
  const jackpot = round.jackpotWin ?? 0;
  const total = round.win + jackpot;
  const c = state.currency;
  $("#last-win").textContent = money(total, c);
  $("#round-no").textContent = round.round;
  if (total > 0) {
    const banner = $("#win-banner");
    banner.textContent = jackpot > 0
      ? `JACKPOT! ${money(jackpot, c)}${round.win > 0 ? ` + WIN ${money(round.win, c)}` : ""}`
      : `WIN ${money(round.win, c)}`;
    banner.classList.toggle("jackpot", jackpot > 0);
    banner.hidden = false;
  }
  state.rounds.push(round);
  $("#rounds").prepend(el("li", { "data-round": String(round.round) },
    `#${round.round}`, el("span", { class: total > 0 ? "win" : "" }, `${amount(round.stake, c)} → ${amount(total, c)}`),
    ...(jackpot > 0 ? [el("span", { class: "jackpot-tag" }, "jackpot")] : []),
    el("span", { class: "badge" }, "sealed")));
}

$("#close-session").addEventListener("click", async () => {
  if (!state.session) return;
  try {
    const closed = await socket.send("session.close", { sessionId: state.session.sessionId });
    $("#server-seed").textContent = closed.serverSeed;
    await verifyAll(closed);
    toast("Session closed. The server seed is revealed and every round was checked in your browser.", true);
  } catch (err) {
    toast(explain(err.code, err.message));
  }
  endSessionLocally();
});

async function verifyAll(closed) {
  for (const round of state.rounds) {
    const checks = await verifySlotRound({
      serverSeed: closed.serverSeed, commitment: closed.commitment, clientSeed: closed.clientSeed,
      nonce: round.round, game: state.math, stake: round.stake, outcome: round.outcome });
    const ok = checks.every((c) => c.ok !== false);
    const badge = document.querySelector(`#rounds li[data-round="${round.round}"] .badge`);
    if (badge) {
      badge.textContent = ok ? "verified" : "MISMATCH";
      badge.className = `badge ${ok ? "ok" : "bad"}`;
    }
  }
  sessionStorage.setItem("croupier.lastReveal", JSON.stringify({ ...closed,
    rounds: state.rounds.map((r) => ({ round: r.round, stake: r.stake, outcome: r.outcome })) }));
}

function endSessionLocally() {
  state.session = null;
  state.rounds = [];
  $("#session-badge").textContent = "No session";
  $("#commitment").textContent = "made when your session opens, before your first spin";
  // A new session, a new seed: the player may keep it or change it before the first spin.
  $("#client-seed-input").value = randomSeed();
  sessionStorage.setItem("croupier.clientSeed", $("#client-seed-input").value);
  renderSeed();
}

function toast(text, ok = false) {
  const t = $("#slot-toast");
  t.textContent = text;
  t.classList.toggle("ok", ok);
  t.hidden = false;
}
function hideToast() { $("#slot-toast").hidden = true; }

// ---- verifier ------------------------------------------------------------------------------------

function prefillVerifier() {
  const last = JSON.parse(sessionStorage.getItem("croupier.lastReveal") || "null");
  const form = $("#verify-form");
  if (!last || form.serverSeed.value) return;
  form.serverSeed.value = last.serverSeed;
  form.commitment.value = last.commitment;
  form.clientSeed.value = last.clientSeed;
  const first = last.rounds?.[0];
  if (first) {
    form.nonce.value = first.round;
    form.outcome.value = JSON.stringify(first.outcome);
  }
}

$("#verify-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = e.currentTarget;
  const out = $("#verify-result");
  let outcome = null;
  if (f.outcome.value.trim()) {
    try { outcome = JSON.parse(f.outcome.value); } catch { out.replaceChildren(el("p", { class: "form-error" }, "The outcome is not valid JSON.")); return; }
  }
  const game = await loadSlot().catch(() => null);
  const checks = await verifySlotRound({
    serverSeed: f.serverSeed.value.trim(), commitment: f.commitment.value.trim(), clientSeed: f.clientSeed.value,
    nonce: Number(f.nonce.value), game, outcome });
  out.replaceChildren(...checks.map((c) => el("div", { class: "check" },
    el("span", { class: `badge ${c.ok === false ? "bad" : c.ok ? "ok" : ""}` }, c.ok === false ? "FAIL" : c.ok ? "PASS" : "n/a"),
    el("strong", {}, c.name), el("span", { class: "mono" }, c.detail))));
});

// ---- start ---------------------------------------------------------------------------------------

// Social login buttons, one per provider the gateway knows.
api.providers().then((list) => {
  const box = $("#social-login");
  box.replaceChildren(...list.map((p) => el("a", { class: "button social", href: p.loginUrl, "data-provider": p.id }, `Sign in with ${p.name}`)));
  box.hidden = list.length === 0;
}).catch(() => {});

(async function start() {
  // A social login ends here with a one-time code in the fragment (never tokens): trade it by POST.
  const landing = new URLSearchParams(location.hash.replace(/^#\/?/, ""));
  const code = landing.get("signin_code");
  const error = landing.get("error");
  if (code || error) history.replaceState(null, "", location.pathname + "#/");
  try {
    if (code) await api.exchangeSignInCode(code);
    else await api.refresh();
    await signedIn();
  } catch (err) {
    route();
    if (code || error) $("#login-form .form-error").textContent = explain(error || err.code, err?.message);
  }
})();
