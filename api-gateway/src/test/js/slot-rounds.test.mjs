// Replays the slot round vectors (game-plugins/slots/src/test/resources/dev/croupier/games/slots/
// round-vectors.json, written by the Java engine) with the browser's verifier, which was written
// from MATH.md's rules alone: every outcome, wins included, must come out exactly. Run: node --test
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { playSlotRound, same, verifySlotRound } from "../../main/resources/static/js/fair.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const vectors = JSON.parse(readFileSync(`${here}/../../../../game-plugins/slots/src/test/resources/dev/croupier/games/slots/round-vectors.json`, "utf8"));
const game = vectors.clientInfo;

for (const round of vectors.rounds) {
  test(`recomputes ${round.why}`, async () => {
    const outcome = await playSlotRound(game, round);
    assert.deepEqual(outcome, round.outcome);
    assert.equal(outcome.totalWin, round.win);
    assert.equal(outcome.jackpotHit, round.jackpotHit);
    const checks = await verifySlotRound({ ...round, game, outcome: round.outcome });
    assert.ok(checks.every((c) => c.ok === true), JSON.stringify(checks));
  });
}

test("the vectors cover free spins, a retrigger, the wild and the jackpot", () => {
  const rounds = vectors.rounds.map((r) => r.outcome);
  assert.ok(rounds.some((o) => o.freeSpinsPlayed > 10), "a retriggered feature");
  assert.ok(rounds.some((o) => o.jackpotHit), "the jackpot");
  assert.ok(rounds.some((o) => o.spins[0].lineWins.some((w) => w.symbol === game.wild)), "a line paid to the wild");
});

test("an outcome whose keys come back in another order still verifies (as a database returns it)", async () => {
  const round = vectors.rounds.find((r) => r.outcome.spins[0].lineWins.length > 1);
  const reorder = (v) => (Array.isArray(v) ? v.map(reorder)
    : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reorder(v[k])])) : v);
  const outcome = reorder(round.outcome);
  assert.notEqual(JSON.stringify(outcome), JSON.stringify(round.outcome));
  assert.ok(same(outcome, round.outcome));
  const checks = await verifySlotRound({ ...round, game, outcome });
  assert.ok(checks.every((c) => c.ok === true), JSON.stringify(checks));
  assert.ok(!same({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] }));
  assert.ok(!same({ a: 1 }, { a: 1, b: 2 }));
});

test("a forged win, scatter count or total is caught", async () => {
  const round = vectors.rounds.find((r) => r.outcome.freeSpinsPlayed > 0);
  const forgeries = [
    (o) => { o.spins[0].lineWins.push({ line: 7, symbol: "SEVEN", count: 5, win: 80000 }); },
    (o) => { o.spins[1].scatters += 1; },
    (o) => { o.totalWin += 1; },
    (o) => { o.spins[0].freeSpinsAwarded = 0; },
    (o) => { o.spins.pop(); o.freeSpinsPlayed -= 1; },
    (o) => { o.jackpotHit = true; },
  ];
  for (const forge of forgeries) {
    const outcome = structuredClone(round.outcome);
    forge(outcome);
    const checks = await verifySlotRound({ ...round, game, outcome });
    assert.ok(checks.some((c) => c.ok === false), `${forge}: ${JSON.stringify(checks)}`);
  }
});
