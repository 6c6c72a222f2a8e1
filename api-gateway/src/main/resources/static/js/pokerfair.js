// The poker hand verifier (#/poker-fairness). While the player sits at a table, every view they get
// is noted here (recordView): the hands they were dealt into with their own cards, the board and
// the cards shown at a showdown, and the table's seed commitment at the time. A table reveals a
// run's server seed when the run ends; then each of the player's hands of that run is re-dealt in
// the browser from the revealed seed (fair.js) and checked card by card. Nothing leaves the browser.

import { el, explain, short } from "./format.js";
import { dealOrder, verifyPokerHand } from "./fair.js";

const HANDS = "croupier.pokerHands";
const SEEDS = "croupier.pokerSeeds";
const KEPT_HANDS = 60;
const $ = (sel) => document.querySelector(sel);
let socket;

export function initPokerFairness(options) {
  socket = options.socket;
  $("#pf-form").addEventListener("submit", (e) => {
    e.preventDefault();
    verifyByHand(e.currentTarget);
  });
}

function load(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

/** Notes what a table view says about the player's hands and the table's seeds. */
export function recordView(view) {
  const fair = view.fairness;
  if (fair?.revealed?.length) {
    const seeds = load(SEEDS, {});
    const known = new Map((seeds[view.tableId] || []).map((e) => [e.epoch, e]));
    for (const e of fair.revealed) known.set(e.epoch, e);
    seeds[view.tableId] = [...known.values()].sort((a, b) => a.epoch - b.epoch).slice(-20);
    localStorage.setItem(SEEDS, JSON.stringify(seeds));
  }
  const hands = load(HANDS, []);
  const key = (n) => `${view.tableId}/${n}`;
  const byKey = new Map(hands.map((h) => [h.key, h]));
  const hand = view.hand;
  if (hand && view.viewerSeat >= 0) {
    const me = hand.players.find((p) => p.seat === view.viewerSeat);
    if (me) {
      const h = byKey.get(key(hand.number)) || {
        key: key(hand.number), tableId: view.tableId, table: view.name, handNumber: hand.number,
        seatCount: view.seatCount, button: hand.button, seats: hand.players.map((p) => p.seat),
        mySeat: view.viewerSeat, at: new Date().toISOString(),
      };
      if (me.holeCards?.length) h.myCards = me.holeCards;
      h.board = hand.board;
      const current = fair?.current;
      if (current && current.firstHand <= hand.number && !h.commitment) {
        Object.assign(h, { commitment: current.commitment, clientSeed: current.clientSeed, epoch: current.epoch });
      }
      byKey.set(h.key, h);
    }
  }
  const last = view.lastHand;
  if (last && byKey.has(key(last.handNumber))) {
    const h = byKey.get(key(last.handNumber));
    h.board = last.board;
    h.shown = last.shown.map((s) => ({ seat: s.seat, cards: s.cards }));
    h.ended = true;
  }
  const kept = [...byKey.values()].sort((a, b) => (a.at < b.at ? -1 : 1)).slice(-KEPT_HANDS);
  localStorage.setItem(HANDS, JSON.stringify(kept));
}

/** The page: each noted hand, checked once its run's seed is revealed. */
export async function showPokerFairness() {
  await fetchReveals();
  render();
}

/** Asks each table with hands still waiting for their seed for its latest view. */
async function fetchReveals() {
  const seeds = load(SEEDS, {});
  const waiting = new Set(load(HANDS, []).filter((h) => !epochOf(seeds, h)).map((h) => h.tableId));
  for (const tableId of waiting) {
    try {
      recordView(await socket.send("table.watch", { tableId }));
      await socket.send("table.unwatch", { tableId });
    } catch { /* the table is gone or busy: its hands keep waiting */ }
  }
}

function epochOf(seeds, hand) {
  return (seeds[hand.tableId] || []).find((e) => e.firstHand <= hand.handNumber && hand.handNumber <= e.lastHand);
}

async function render() {
  const list = $("#pf-hands");
  const seeds = load(SEEDS, {});
  const hands = load(HANDS, []).filter((h) => h.myCards?.length).reverse();
  if (!hands.length) {
    list.replaceChildren(el("p", { class: "muted" }, "No hands played in this browser yet. Sit at a table in the lobby: the hands you are dealt into are listed here."));
    return;
  }
  const cards = await Promise.all(hands.map((h) => handCard(h, epochOf(seeds, h))));
  list.replaceChildren(...cards);
}

async function handCard(h, epoch) {
  const head = el("div", { class: "hand-head" },
    el("strong", {}, `${h.table} · hand #${h.handNumber}`),
    el("span", { class: "muted small" }, `seat ${h.mySeat + 1} · ${h.myCards.join(" ")}${h.board?.length ? ` · board ${h.board.join(" ")}` : ""}`));
  const node = el("div", { class: "hand-check", "data-hand": h.key }, head);
  if (!epoch) {
    node.append(el("p", { class: "muted small waiting" },
      `Waiting for the table to reveal the seed of this run of hands (committed ${short(h.commitment || "", 6)}); a run ends every few dozen hands, or when the table closes.`));
    node.dataset.state = "waiting";
    return node;
  }
  if (h.commitment && h.commitment !== epoch.commitment) {
    node.append(el("div", { class: "check" }, el("span", { class: "badge bad" }, "FAIL"), el("strong", {}, "Commitment"),
      el("span", { class: "mono" }, `revealed for ${short(epoch.commitment, 6)}, but you were shown ${short(h.commitment, 6)}`)));
    node.dataset.state = "bad";
    return node;
  }
  const order = dealOrder(h.seats, h.button, h.seatCount);
  const { checks } = await verifyPokerHand({ serverSeed: epoch.serverSeed, commitment: epoch.commitment,
    clientSeed: epoch.clientSeed, handNumber: h.handNumber, order, mySeat: h.mySeat, myCards: h.myCards,
    board: h.board || [], shown: h.shown || [] });
  const ok = checks.every((c) => c.ok);
  node.dataset.state = ok ? "ok" : "bad";
  node.append(...checks.map(checkLine));
  return node;
}

function checkLine(c) {
  return el("div", { class: "check" },
    el("span", { class: `badge ${c.ok ? "ok" : "bad"}` }, c.ok ? "PASS" : "FAIL"),
    el("strong", {}, c.name), el("span", { class: "mono" }, c.detail));
}

async function verifyByHand(f) {
  const out = $("#pf-result");
  const words = (text) => text.trim().split(/[\s,]+/).filter(Boolean);
  const order = words(f.order.value).map(Number);
  if (order.length < 2 || order.some((s) => !Number.isInteger(s) || s < 0 || s > 8)) {
    out.replaceChildren(el("p", { class: "form-error" }, "List the seats dealt in (2 to 9 numbers from 0), first left of the button."));
    return;
  }
  try {
    const { checks, deal } = await verifyPokerHand({ serverSeed: f.serverSeed.value.trim(), commitment: f.commitment.value.trim(),
      clientSeed: f.clientSeed.value.trim(), handNumber: Number(f.hand.value), order, mySeat: Number(f.seat.value),
      myCards: words(f.cards.value), board: words(f.board.value) });
    out.replaceChildren(...checks.map(checkLine),
      el("p", { class: "muted small" }, `Every card of the hand: ${order.map((s) => `seat ${s + 1} ${deal.holeCards.get(s).join(" ")}`).join(" · ")} · board ${deal.board.join(" ")}`));
  } catch (err) {
    out.replaceChildren(el("p", { class: "form-error" }, explain(err.code, err.message)));
  }
}
