// The player's transactions (#/history) and one round's recall (#/round/<sessionId>/<round>): the
// ledger entries of the player's own account, newest first, paged by the server's cursor; a round's
// entries link to its recall, which shows the server's checks and verifies the round again in the
// browser once the session's server seed is revealed.

import * as api from "./api.js";
import { dateTime, el, explain, money, short, signedMoney } from "./format.js";
import { verifySlotRound } from "./fair.js";
import { Reels } from "./reels.js";

const $ = (sel) => document.querySelector(sel);
const KINDS = {
  GRANT: "Welcome coins", BET_AND_WIN: "Slot round", BET: "Bet", WIN: "Win", JACKPOT_WIN: "Jackpot",
  BUY_IN: "Poker buy-in", CASH_OUT: "Poker cash-out", RAKE: "Rake", REFUND: "Refund", ADJUSTMENT: "Adjustment",
  REVERSAL: "Reversal", JACKPOT_CONTRIBUTION: "Jackpot contribution",
};
const PAGE = 20;
const page = { cursor: null, loading: false };

/** Shows the newest page of the player's transactions. */
export async function showHistory() {
  $("#history-list").replaceChildren();
  $("#history-error").textContent = "";
  page.cursor = null;
  await more();
}

$("#history-more").addEventListener("click", () => more());

async function more() {
  if (page.loading) return;
  page.loading = true;
  $("#history-more").disabled = true;
  try {
    const answer = await api.transactions(page.cursor, PAGE);
    const list = $("#history-list");
    if (!answer.entries.length && !list.children.length) {
      list.append(el("li", { class: "muted" }, "No transactions yet."));
    }
    list.append(...answer.entries.map((e) => entryItem(e)));
    page.cursor = answer.nextCursor;
    $("#history-more").hidden = !answer.nextCursor;
  } catch (err) {
    $("#history-error").textContent = explain(err.code, "The history cannot be loaded right now.");
  } finally {
    page.loading = false;
    $("#history-more").disabled = false;
  }
}

function entryItem(e) {
  const kind = KINDS[e.kind] || e.kind;
  const what = e.round ? `${kind} #${e.round}` : e.tableId ? `${kind} · table ${short(e.tableId, 4)}` : kind;
  const link = e.sessionId && e.round
    ? el("a", { class: "round-link", href: `#/round/${e.sessionId}/${e.round}` }, "Recall & verify")
    : "";
  return el("li", { class: "entry", "data-entry": String(e.entryId), "data-kind": e.kind },
    el("span", { class: "entry-what" }, el("strong", {}, what), el("span", { class: "muted small" }, dateTime(e.at))),
    el("span", { class: `entry-amount ${e.amount > 0 ? "plus" : "minus"}` }, signedMoney(e.amount, e.currency)),
    el("span", { class: "entry-balance muted small" }, `balance ${money(e.balanceAfter, e.currency)}`),
    link);
}

/** Shows one of the player's rounds: what recall found, and the browser's own check of it. */
export async function showRound(sessionId, round, loadSlot) {
  $("#round-title").textContent = `Round #${round}`;
  $("#round-facts").replaceChildren();
  $("#round-grid").replaceChildren();
  $("#round-checks").replaceChildren();
  $("#round-verify").replaceChildren();
  $("#round-error").textContent = "";
  let r;
  try {
    r = await api.round(sessionId, round);
  } catch (err) {
    $("#round-error").textContent = explain(err.code, "This round cannot be recalled right now.");
    return;
  }
  const c = r.currency;
  const facts = [
    ["Game", r.game], ["Played", dateTime(r.playedAt)], ["Stake", money(r.stake, c)],
    ["Win", money(r.totalWin, c)], ["Session", `${short(r.sessionId, 6)} (${r.sessionStatus.toLowerCase()})`],
    ["Commitment", r.commitment], ["Client seed", r.clientSeed], ["Nonce", String(r.nonce)],
    ["Server seed", r.revealedServerSeed || "revealed when the session closes"],
  ];
  $("#round-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { class: k.endsWith("seed") || k === "Commitment" ? "mono" : "" }, v)]));
  $("#round-checks").replaceChildren(...r.checks.map((check) =>
    el("li", { class: "check" }, el("span", { class: `badge ${check.passed ? "ok" : "bad"}` }, check.passed ? "PASS" : "FAIL"),
      el("strong", {}, check.name), el("span", { class: "muted small" }, check.detail))));
  let game = null;
  try {
    game = r.game?.startsWith("slot-classic@") ? await loadSlot() : null;
  } catch { /* the grid and the browser's check need the game's rules */ }
  const spins = r.outcome?.spins || [];
  if (game && spins.length) {
    const reels = new Reels($("#round-grid"), game.reels);
    spins[0].stops.forEach((stop, i) => reels.show(i, stop));
    reels.highlight(game.paylines, spins[0].lineWins);
  }
  if (!r.revealedServerSeed) {
    $("#round-verify").replaceChildren(el("p", { class: "muted" }, "Close the session to reveal its server seed; the round is then checked here."));
    return;
  }
  const checks = await verifySlotRound({ serverSeed: r.revealedServerSeed, commitment: r.commitment, clientSeed: r.clientSeed,
    nonce: r.nonce, game, stake: r.stake, outcome: r.outcome });
  $("#round-verify").replaceChildren(...checks.map((check) => el("div", { class: "check" },
    el("span", { class: `badge ${check.ok === false ? "bad" : check.ok ? "ok" : ""}` }, check.ok === false ? "FAIL" : check.ok ? "PASS" : "n/a"),
    el("strong", {}, check.name), el("span", { class: "mono" }, check.detail))));
}
