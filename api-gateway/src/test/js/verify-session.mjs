#!/usr/bin/env node
// Recomputes every round of a closed slot session from a transcript of what the player was sent,
// using only the documented shapes (api-gateway/PROTOCOL.md) and rules (game-plugins/slots/MATH.md,
// game-plugins/api/FAIRNESS.md), through the browser's verifier. The transcript is JSON:
//   {game: <GET /api/games/{id}/{version}>, opened: <session.opened payload>,
//    seeded: <session.seeded payload>?, results: [<bet.result payload>...], closed: <session.closed payload>}
// Prints one line per round and exits 0 when every check passes, 1 when one fails, 2 on bad input.
//
//   node api-gateway/src/test/js/verify-session.mjs transcript.json
import { readFileSync } from "node:fs";
import { commitmentOf, playSlotRound, same } from "../../main/resources/static/js/fair.js";

const file = process.argv[2];
if (!file) {
  console.error("usage: verify-session.mjs TRANSCRIPT.json");
  process.exit(2);
}
let t;
try {
  t = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  return ok;
};

const { serverSeed, commitment } = t.closed;
const clientSeed = t.seeded?.clientSeed ?? t.opened.clientSeed;
check(t.opened.commitment === commitment, "the commitment at the close is the one shown at the open");
check((await commitmentOf(serverSeed)) === commitment, "SHA-256(server seed) is the commitment");
check(t.closed.clientSeed === clientSeed, "the session's client seed is the one the player chose");
check(t.closed.rounds === t.results.length, `the session played ${t.results.length} rounds`);

const game = { ...t.game };
let balance = t.opened.balance;
for (const result of t.results) {
  const n = result.round;
  const replay = await playSlotRound(game, { serverSeed, clientSeed, nonce: n, stake: result.stake });
  const ok = [
    check(same(replay, result.outcome), `round ${n}: the outcome is the recomputed one`),
    check(result.win === replay.totalWin, `round ${n}: win ${result.win} is the outcome's total ${replay.totalWin}`),
    check(result.jackpotHit === replay.jackpotHit, `round ${n}: the jackpot flag`),
    check(result.balance === balance - result.stake + result.win + (result.jackpotWin ?? 0),
      `round ${n}: balance ${result.balance} = ${balance} - ${result.stake} + ${result.win} + ${result.jackpotWin ?? 0}`),
  ].every(Boolean);
  balance = result.balance;
  console.log(`round ${n}: stake ${result.stake}, ${replay.spins.length} spin(s), win ${replay.totalWin}: ${ok ? "OK" : "MISMATCH"}`);
}
if (failures.length) {
  for (const f of failures) console.log(`FAILED ${f}`);
  process.exit(1);
}
console.log(`${t.results.length} rounds verified`);
