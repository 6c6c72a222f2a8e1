// Poker: the lobby's table list and the table page (PROTOCOL.md, "Poker tables"). The server sends a
// fresh `table.view` after every change at a watched table, made for this player: their own hole
// cards only, the legal moves when it is their turn, and the action clock's deadline. This module
// only draws views and sends requests; the table itself lives in the server's table workflow.

import { amount, el, explain, money, toMajor, toMinor, scaleOf } from "./format.js";
import { recordView } from "./pokerfair.js";

const SUITS = { s: "♠", h: "♥", d: "♦", c: "♣" };
const CATEGORIES = {
  HIGH_CARD: "High card", ONE_PAIR: "One pair", TWO_PAIR: "Two pair", THREE_OF_A_KIND: "Three of a kind",
  STRAIGHT: "Straight", FLUSH: "Flush", FULL_HOUSE: "Full house", FOUR_OF_A_KIND: "Four of a kind",
  STRAIGHT_FLUSH: "Straight flush",
};
const WORDS = {
  NOT_YOUR_TURN: "It is not your turn.",
  NOT_YOUR_SEAT: "That is not your seat.",
  SEAT_TAKEN: "Someone just took that seat. Pick another one.",
  ALREADY_SEATED: "You already sit at this table.",
  BUY_IN_OUT_OF_RANGE: "The buy-in is outside this table's limits.",
  ILLEGAL_ACTION: "That move is not allowed right now.",
  RAISE_TOO_SMALL: "That raise is below the minimum.",
  AMOUNT_ABOVE_STACK: "You do not have that many chips behind.",
  INVALID_AMOUNT: "Enter an amount with at most two decimals, from the smallest bet up.",
  UNKNOWN_TABLE: "This table does not exist.",
  TABLE_CLOSED: "This table is closed.",
  INSUFFICIENT_FUNDS: "Your balance does not cover that buy-in.",
};
const $ = (sel) => document.querySelector(sel);

let socket;
let balance = () => null;
let refreshBalance = () => {};
const state = {
  tableId: null, // the table on screen
  view: null,
  receivedAt: 0, // performance.now() when the view arrived
  busy: false,
  sizedFor: "", // the turn the bet-size input was last reset for
  names: new Map(), // seat -> the last name seen there, for results after a player left
  lobby: [],
  ackedSeq: 0, // the table's event sequence after our last acknowledged request: older views are stale
};

/** An amount of the table on screen, with its currency's scale and code. */
function chips(minor, currency = state.view?.currency || "COIN") {
  return money(minor, currency);
}

/** A lobby or table stakes label: poker's "<small>/<big>" in minor units is shown with its scale. */
function stakesLabel(stakes, currency) {
  const blinds = /^(\d+)\/(\d+)$/.exec(stakes || "");
  return blinds ? `${amount(blinds[1], currency)}/${amount(blinds[2], currency)} ${currency}` : stakes;
}

export function initPoker(options) {
  socket = options.socket;
  balance = options.balance;
  refreshBalance = options.refreshBalance;
  socket.on("tables.update", ({ tables }) => {
    state.lobby = tables;
    renderLobby();
  });
  socket.on("table.view", (view) => accept(view));
  socket.on("reconnected", () => {
    if (state.tableId) watch(state.tableId);
  });
  wireControls();
  setInterval(tickClock, 200);
}

/** Called by the router: the table to show, or null when another page is shown. */
export function showTable(tableId) {
  if (tableId === state.tableId) return;
  const previous = state.tableId;
  state.tableId = tableId;
  state.view = null;
  state.ackedSeq = 0;
  state.names.clear();
  if (previous) socket.send("table.unwatch", { tableId: previous }).catch(() => {});
  if (!tableId) return;
  renderEmpty();
  watch(tableId);
}

async function watch(tableId) {
  try {
    accept(await socket.send("table.watch", { tableId }));
  } catch (err) {
    toast(words(err));
  }
}

function words(err) {
  return WORDS[err.code] || explain(err.code, err.message);
}

// ---- the lobby's list ----------------------------------------------------------------------------

function renderLobby() {
  const list = $("#tables");
  const tables = [...state.lobby].sort((a, b) => (a.name || "").localeCompare(b.name || ""));
  if (!tables.length) {
    list.replaceChildren(el("li", { class: "muted" }, "No open tables right now."));
    return;
  }
  list.replaceChildren(...tables.map((t) => {
    const seats = el("span", { class: "seat-dots", title: `${t.seated} of ${t.seats} seats taken` },
      ...Array.from({ length: t.seats }, (_, i) => el("span", { class: i < t.seated ? "dot taken" : "dot" })));
    const buyIn = t.minBuyIn != null ? `buy-in ${amount(t.minBuyIn, t.currency)}–${money(t.maxBuyIn, t.currency)}` : "";
    const format = t.seats === 2 ? "heads-up" : `${t.seats}-max`;
    return el("li", { "data-table": t.tableId },
      el("a", { class: "table-row", href: `#/table/${t.tableId}` },
        el("span", { class: "table-main" }, el("strong", {}, t.name || "Table"), el("span", { class: "table-stakes" }, stakesLabel(t.stakes, t.currency))),
        el("span", { class: "join" }, t.seated < t.seats ? "Join" : "Watch"),
        el("span", { class: "table-meta muted small" }, [`NL Hold'em · ${format}`, buyIn].filter(Boolean).join(" · ")),
        el("span", { class: "table-seats" }, seats, el("span", { class: "muted small" }, `${t.seated}/${t.seats}`))));
  }));
}

// ---- views ---------------------------------------------------------------------------------------

function accept(view) {
  if (!view || view.tableId !== state.tableId) return;
  if (state.view && view.eventSeq < state.view.eventSeq) return;
  // A view that predates our own acknowledged request shows the table before it: drop it.
  if (view.eventSeq < state.ackedSeq) return;
  recordView(view);
  // A request in flight keeps the buttons off until the table has moved on.
  if (!state.view || view.eventSeq > state.view.eventSeq) state.busy = false;
  state.view = view;
  state.receivedAt = performance.now();
  for (const s of view.seats) if (s.displayName) state.names.set(s.seat, s.displayName);
  render();
}

function renderEmpty() {
  $("#pt-name").textContent = "Table";
  $("#pt-stakes").textContent = "";
  $("#pt-hand").textContent = "";
  $("#pt-seats").replaceChildren();
  $("#pt-board").replaceChildren();
  $("#pt-pot").textContent = "";
  $("#pt-result").hidden = true;
  $("#pt-actions").hidden = true;
  $("#pt-toast").hidden = true;
}

function render() {
  const v = state.view;
  const me = v.viewerSeat >= 0 ? v.seats[v.viewerSeat] : null;
  $("#pt-name").textContent = v.name;
  $("#pt-stakes").textContent = `NL Hold'em ${stakesLabel(v.stakes, v.currency)}`;
  $("#pt-hand").textContent = v.hand ? `Hand #${v.hand.number} · ${street(v.hand.street)}` : v.closing ? "Closing" : waiting(v);
  $("#view-table").dataset.seat = String(v.viewerSeat);
  renderSeats(v);
  renderCenter(v);
  renderActions(v);
  renderSide(v, me);
}

function waiting(v) {
  const playing = v.seats.filter((s) => s.status === "PLAYING" && s.stack > 0).length;
  return playing >= 2 ? "Next hand in a moment…" : "Waiting for players";
}

function street(s) {
  return { PREFLOP: "Pre-flop", FLOP: "Flop", TURN: "Turn", RIVER: "River" }[s] || s;
}

/** Seats around the oval, turned so the viewer sits at the bottom. */
function renderSeats(v) {
  const n = v.seatCount;
  const turn = v.viewerSeat >= 0 ? v.viewerSeat : 0;
  const inHand = new Map((v.hand?.players || []).map((p) => [p.seat, p]));
  const shown = new Map(!v.hand && v.lastHand ? v.lastHand.shown.map((s) => [s.seat, s]) : []);
  const won = new Map(!v.hand && v.lastHand ? v.lastHand.awards.map((a) => [a.seat, a.amount]) : []);
  // An upright felt (a phone held in portrait) puts the seats a little further out.
  const felt = document.querySelector("#view-table .felt");
  const upright = felt && felt.clientHeight > felt.clientWidth;
  const [rx, ry] = upright ? [47, 46] : [46, 43];
  const seats = v.seats.map((s) => {
    const k = (s.seat - turn + n) % n;
    const angle = Math.PI / 2 + (2 * Math.PI * k) / n;
    const node = seatNode(v, s, inHand.get(s.seat), shown.get(s.seat), won.get(s.seat));
    place(node, angle, rx, ry);
    const p = inHand.get(s.seat);
    const out = [node];
    if (p && p.streetBet > 0) {
      const bet = el("div", { class: "bet-chips", "data-seat": String(s.seat) }, el("span", { class: "chip" }), chips(p.streetBet));
      place(bet, angle, 27, 24);
      out.push(bet);
    }
    if (v.hand && v.hand.button === s.seat) {
      const button = el("div", { class: "dealer-button", title: "Dealer" }, "D");
      place(button, angle + (n > 2 ? 0.32 : 0.45), 33, 30);
      out.push(button);
    }
    return out;
  });
  $("#pt-seats").replaceChildren(...seats.flat());
}

function place(node, angle, rx, ry) {
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  node.style.left = `${50 + rx * Math.cos(angle)}%`;
  node.style.top = `${50 + ry * Math.sin(angle)}%`;
}

function seatNode(v, s, p, shown, won) {
  const mine = s.seat === v.viewerSeat;
  if (s.status === "EMPTY") {
    const canSit = v.viewerSeat < 0 && !v.closing;
    return el("div", { class: "seat empty", "data-seat": String(s.seat) },
      canSit
        ? el("button", { type: "button", class: "sit-here", "data-seat": String(s.seat), onclick: () => openBuyIn(s.seat) }, "Sit here")
        : el("span", { class: "muted small" }, "Empty"));
  }
  const toAct = v.hand && v.hand.toAct === s.seat;
  const classes = ["seat"];
  if (mine) classes.push("you");
  if (toAct) classes.push("to-act");
  if (p?.folded) classes.push("folded");
  if (s.status === "SITTING_OUT") classes.push("sitting-out");
  if (won) classes.push("winner");
  let cards = [];
  if (p && !p.folded) {
    cards = p.holeCards.length ? p.holeCards.map((c) => card(c)) : [card(null), card(null)];
  } else if (shown) {
    cards = shown.cards.map((c) => card(c));
  }
  const tags = [];
  if (v.hand?.smallBlindSeat === s.seat) tags.push(el("span", { class: "tag" }, "SB"));
  if (v.hand?.bigBlindSeat === s.seat) tags.push(el("span", { class: "tag" }, "BB"));
  if (p?.allIn) tags.push(el("span", { class: "tag hot" }, "All-in"));
  if (s.status === "SITTING_OUT") tags.push(el("span", { class: "tag" }, "Sitting out"));
  else if (v.hand && !p) tags.push(el("span", { class: "tag" }, "Next hand"));
  if (p?.folded) tags.push(el("span", { class: "tag" }, "Fold"));
  const plate = el("div", { class: "seat-plate" },
    el("span", { class: "seat-name" }, s.displayName || "Player", mine ? el("span", { class: "you-tag" }, "you") : ""),
    el("span", { class: "seat-stack", "data-stack": String(s.stack) }, el("span", { class: "coin" }, "◉"), ` ${chips(s.stack)}`),
    // On a phone the street bet sits in the plate instead of on the felt (css/phone.css).
    p && p.streetBet > 0 ? el("span", { class: "seat-bet" }, el("span", { class: "chip" }), chips(p.streetBet)) : "",
    toAct ? el("div", { class: "seat-clock" }, el("div", { class: "seat-clock-bar" })) : "");
  if (shown) tags.push(el("span", { class: "seat-note" }, CATEGORIES[shown.category] || shown.category));
  if (won) tags.push(el("span", { class: "seat-note win" }, `+${chips(won)}`));
  return el("div", { class: classes.join(" "), "data-seat": String(s.seat) },
    el("div", { class: "seat-cards" }, ...cards), plate, el("div", { class: "seat-tags" }, ...tags));
}

function card(code) {
  if (!code) return el("span", { class: "card back", title: "Hidden card" });
  const suit = code[1];
  const rank = code[0] === "T" ? "10" : code[0];
  return el("span", { class: `card ${suit === "h" || suit === "d" ? "red" : "black"}`, title: code, "data-card": code },
    el("span", { class: "rank" }, rank), el("span", { class: "suit" }, SUITS[suit] || suit));
}

function renderCenter(v) {
  const board = v.hand ? v.hand.board : v.lastHand ? v.lastHand.board : [];
  const slots = [];
  for (let i = 0; i < 5; i++) slots.push(board[i] ? card(board[i]) : el("span", { class: "card slot" }));
  $("#pt-board").replaceChildren(...slots);
  const pot = v.hand ? v.hand.pot : 0;
  $("#pt-pot").replaceChildren(...(pot > 0 ? [el("span", { class: "label" }, "Pot"), el("strong", {}, chips(pot))] : []));
  const result = $("#pt-result");
  if (!v.hand && v.lastHand) {
    result.replaceChildren(...resultLines(v, v.lastHand, true));
    result.dataset.hand = String(v.lastHand.handNumber);
    result.hidden = false;
  } else {
    result.hidden = true;
  }
}

/** Who won the last hand: in full for the side panel, one line per winner on the felt. */
function resultLines(v, last, compact = false) {
  const name = (seat) => v.seats[seat]?.displayName || state.names.get(seat) || `Seat ${seat + 1}`;
  if (compact) {
    return last.awards.map((a, i) => {
      const shown = last.shown.find((s) => s.seat === a.seat);
      return el("div", { class: "result-line" },
        i === 0 ? el("span", { class: "result-title" }, `Hand #${last.handNumber}`) : "",
        el("strong", {}, name(a.seat)), ` wins ${chips(a.amount)}`,
        shown ? el("span", { class: "muted" }, ` · ${CATEGORIES[shown.category] || shown.category}`) : "");
    });
  }
  const lines = [el("div", { class: "result-title" }, `Hand #${last.handNumber}`)];
  for (const a of last.awards) {
    const shown = last.shown.find((s) => s.seat === a.seat);
    lines.push(el("div", { class: "result-line" },
      el("strong", {}, name(a.seat)), ` wins ${chips(a.amount)}`,
      shown ? el("span", { class: "muted" }, ` · ${CATEGORIES[shown.category] || shown.category}`) : ""));
  }
  if (last.rake > 0) lines.push(el("div", { class: "muted small" }, `Rake ${chips(last.rake)}`));
  return lines;
}

// ---- the action bar ------------------------------------------------------------------------------

function renderActions(v) {
  const bar = $("#pt-actions");
  const legal = v.hand?.legal;
  if (!legal) {
    bar.hidden = true;
    return;
  }
  bar.hidden = false;
  const me = v.seats[v.viewerSeat];
  const mine = v.hand.players.find((p) => p.seat === v.viewerSeat);
  const behind = me.stack;
  $("#pt-fold").hidden = legal.canCheck;
  $("#pt-check").hidden = !legal.canCheck;
  const call = $("#pt-call");
  call.hidden = legal.toCall === 0;
  call.textContent = legal.toCall >= behind ? `Call all-in ${chips(legal.toCall)}` : `Call ${chips(legal.toCall)}`;
  const canSize = (legal.canBet || legal.canRaise) && legal.maxTo > legal.minTo;
  const canPush = (legal.canBet || legal.canRaise) && legal.maxTo > (mine?.streetBet || 0) + legal.toCall;
  $("#pt-sizer").hidden = !canSize;
  $("#pt-allin").hidden = !canPush;
  $("#pt-allin").textContent = `All-in ${chips(legal.maxTo)}`;
  // The slider moves in minor units; the box shows and takes the amount with its decimals.
  const range = $("#pt-raise-range");
  const box = $("#pt-raise-amount");
  const c = v.currency;
  range.min = String(legal.minTo);
  range.max = String(legal.maxTo);
  range.step = "1";
  box.min = toMajor(legal.minTo, c);
  box.max = toMajor(legal.maxTo, c);
  box.step = String(10 ** -scaleOf(c));
  const turn = `${v.hand.number}/${v.hand.street}/${v.hand.currentBet}`;
  if (state.sizedFor !== turn) {
    state.sizedFor = turn;
    box.value = toMajor(legal.minTo, c);
  }
  const value = clamp(toMinor(box.value, c) || legal.minTo, legal);
  range.value = String(value);
  box.value = toMajor(value, c);
  $("#pt-raise").textContent = `${legal.canBet ? "Bet" : "Raise to"} ${chips(value)}`;
  for (const b of bar.querySelectorAll("button")) b.disabled = state.busy;
}

function clamp(value, legal) {
  return Math.min(Math.max(Math.round(value), legal.minTo), legal.maxTo);
}

function preset(kind) {
  const v = state.view;
  const legal = v?.hand?.legal;
  if (!legal) return;
  const potAfterCall = v.hand.pot + legal.toCall;
  const to = {
    min: legal.minTo,
    half: v.hand.currentBet + Math.floor(potAfterCall / 2),
    pot: v.hand.currentBet + potAfterCall,
    max: legal.maxTo,
  }[kind];
  setAmount(to);
}

function setAmount(value) {
  const legal = state.view?.hand?.legal;
  if (!legal) return;
  const v = clamp(value, legal);
  $("#pt-raise-range").value = String(v);
  $("#pt-raise-amount").value = toMajor(v, state.view.currency);
  $("#pt-raise").textContent = `${legal.canBet ? "Bet" : "Raise to"} ${chips(v)}`;
}

async function act(action, amount) {
  const v = state.view;
  if (!v?.hand?.legal || state.busy) return;
  state.busy = true;
  renderActions(v);
  const payload = { tableId: v.tableId, seat: v.viewerSeat, action };
  if (amount != null) payload.amount = amount;
  try {
    const ack = await socket.send("table.act", payload);
    // Views older than the table's sequence after our move show it before the move.
    state.ackedSeq = Math.max(state.ackedSeq, ack.eventSeq ?? 0);
    // The fresh view follows as an event; until then the buttons stay off.
  } catch (err) {
    state.busy = false;
    renderActions(state.view);
    toast(words(err));
  }
}

function wireControls() {
  $("#pt-fold").addEventListener("click", () => act("fold"));
  $("#pt-check").addEventListener("click", () => act("check"));
  $("#pt-call").addEventListener("click", () => act("call"));
  $("#pt-allin").addEventListener("click", () => act("allIn"));
  $("#pt-raise").addEventListener("click", () => {
    const legal = state.view?.hand?.legal;
    if (!legal) return;
    act(legal.canBet ? "bet" : "raise", clamp(toMinor($("#pt-raise-amount").value, state.view.currency) || legal.minTo, legal));
  });
  $("#pt-raise-range").addEventListener("input", (e) => setAmount(Number(e.target.value)));
  $("#pt-raise-amount").addEventListener("change", (e) => setAmount(toMinor(e.target.value, state.view?.currency) || 0));
  for (const b of document.querySelectorAll("#pt-presets button")) b.addEventListener("click", () => preset(b.dataset.preset));
  $("#pt-sitout").addEventListener("change", (e) => seatChange(e.target.checked ? "table.sitOut" : "table.sitIn", e.target));
  $("#pt-leave").addEventListener("click", () => seatChange("table.leave"));
  $("#pt-buyin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sit();
  });
  $("#pt-buyin-cancel").addEventListener("click", () => $("#pt-buyin").close());
  $("#pt-buyin-range").addEventListener("input", (e) => ($("#pt-buyin-amount").value = toMajor(e.target.value, state.view?.currency)));
  $("#pt-buyin-amount").addEventListener("input", (e) => {
    const minor = toMinor(e.target.value, state.view?.currency);
    if (Number.isFinite(minor)) $("#pt-buyin-range").value = String(minor);
  });
}

// ---- sitting down, sitting out, leaving ------------------------------------------------------------

function openBuyIn(seat) {
  const v = state.view;
  const dialog = $("#pt-buyin");
  const max = Math.min(v.maxBuyIn, balance() ?? v.maxBuyIn);
  $("#pt-buyin-title").textContent = `Seat ${seat + 1} at ${v.name}`;
  const c = v.currency;
  $("#pt-buyin-limits").textContent =
    `Blinds ${stakesLabel(v.stakes, c)} · buy-in ${amount(v.minBuyIn, c)}–${money(v.maxBuyIn, c)} · your balance ${money(balance() ?? 0, c)}`;
  const start = Math.max(v.minBuyIn, Math.min(max, v.bigBlind * 100));
  const range = $("#pt-buyin-range");
  range.min = String(v.minBuyIn);
  range.max = String(Math.max(v.minBuyIn, max));
  range.step = "1";
  range.value = String(start);
  const box = $("#pt-buyin-amount");
  box.min = toMajor(v.minBuyIn, c);
  box.max = toMajor(Math.max(v.minBuyIn, max), c);
  box.step = String(10 ** -scaleOf(c));
  box.value = toMajor(start, c);
  $("#pt-buyin-error").textContent = "";
  dialog.dataset.seat = String(seat);
  dialog.showModal();
}

async function sit() {
  const v = state.view;
  const dialog = $("#pt-buyin");
  const seat = Number(dialog.dataset.seat);
  const buyIn = toMinor($("#pt-buyin-amount").value, v.currency);
  if (!Number.isInteger(buyIn) || buyIn < v.minBuyIn || buyIn > v.maxBuyIn) {
    $("#pt-buyin-error").textContent = `Buy in with ${amount(v.minBuyIn, v.currency)} to ${money(v.maxBuyIn, v.currency)}.`;
    return;
  }
  $("#pt-buyin-sit").disabled = true;
  try {
    const ack = await socket.send("table.sit", { tableId: v.tableId, seat, buyIn });
    state.ackedSeq = Math.max(state.ackedSeq, ack.eventSeq ?? 0);
    dialog.close();
    refreshBalance();
  } catch (err) {
    $("#pt-buyin-error").textContent = words(err);
  } finally {
    $("#pt-buyin-sit").disabled = false;
  }
}

async function seatChange(type, checkbox) {
  const v = state.view;
  if (!v || v.viewerSeat < 0) return;
  try {
    const ack = await socket.send(type, { tableId: v.tableId, seat: v.viewerSeat });
    state.ackedSeq = Math.max(state.ackedSeq, ack.eventSeq ?? 0);
    if (type === "table.leave") {
      refreshBalance();
      // A stack still in an all-in hand is cashed out when the hand ends.
      setTimeout(refreshBalance, 3000);
    }
  } catch (err) {
    if (checkbox) checkbox.checked = !checkbox.checked;
    toast(words(err));
  }
}

function renderSide(v, me) {
  $("#pt-leave").hidden = !me;
  $("#pt-sitout-label").hidden = !me;
  $("#pt-sitout").checked = me?.status === "SITTING_OUT";
  $("#pt-my-stack").textContent = me ? chips(me.stack) : "–";
  $("#pt-my-seat").textContent = me ? `Seat ${v.viewerSeat + 1}` : "Watching";
  $("#pt-info-blinds").textContent = `${amount(v.smallBlind, v.currency)} / ${money(v.bigBlind, v.currency)}`;
  $("#pt-info-buyin").textContent = `${amount(v.minBuyIn, v.currency)} – ${money(v.maxBuyIn, v.currency)}`;
  $("#pt-info-clock").textContent = `${Math.round(v.actionSeconds)} s per move`;
  $("#pt-info-seats").textContent = `${v.seated} of ${v.seatCount} taken`;
  const last = $("#pt-last");
  if (v.lastHand) {
    last.replaceChildren(...resultLines(v, v.lastHand),
      el("div", { class: "mini-board" }, ...v.lastHand.board.map((c) => card(c))));
  } else {
    last.replaceChildren(el("span", { class: "muted" }, "No hand played yet."));
  }
}

// ---- the action clock ----------------------------------------------------------------------------

function tickClock() {
  const v = state.view;
  const deadline = v?.actionDeadline;
  const text = $("#pt-clock-text");
  if (!deadline) {
    text.textContent = "";
    return;
  }
  const total = v.actionSeconds * 1000;
  // The server's now, run forward by our monotonic clock since the view came.
  const serverNow = Date.parse(v.serverTime) + (performance.now() - state.receivedAt);
  const left = Math.max(0, Date.parse(deadline) - serverNow);
  const share = total > 0 ? Math.min(1, left / total) : 0;
  for (const bar of document.querySelectorAll("#view-table .seat-clock-bar, #pt-clock-bar")) {
    bar.style.width = `${(share * 100).toFixed(1)}%`;
    bar.classList.toggle("urgent", left < 5000);
  }
  text.textContent = `${Math.ceil(left / 1000)} s`;
}

function toast(text) {
  const t = $("#pt-toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 5000);
}
