// Checks the browser verifier against the test vectors that the independent Python reference wrote
// (game-plugins/api/src/test/resources/dev/croupier/games/rng/test-vectors.json). Run: node --test
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commitmentOf, RoundDraws, verifySlotRound } from "../../main/resources/static/js/fair.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const vectors = JSON.parse(readFileSync(`${here}/../../../../game-plugins/api/src/test/resources/dev/croupier/games/rng/test-vectors.json`, "utf8"));

test("commitment is SHA-256 of the server seed bytes", async () => {
  for (const c of vectors.cases) assert.equal(await commitmentOf(c.serverSeed), c.commitment);
});

test("raw draws equal the reference", async () => {
  for (const c of vectors.cases) {
    const draws = await RoundDraws.of(c.serverSeed, c.clientSeed, c.nonce);
    const raw = [];
    for (let i = 0; i < c.raw.length; i++) raw.push(await draws.nextRaw());
    assert.deepEqual(raw, c.raw);
  }
});

test("bounded draws use rejection sampling exactly as the reference", async () => {
  for (const c of vectors.cases) {
    for (const d of c.draws) {
      const draws = await RoundDraws.of(c.serverSeed, c.clientSeed, c.nonce);
      const values = [];
      for (let i = 0; i < d.values.length; i++) values.push(await draws.nextInt(d.bound));
      assert.deepEqual(values, d.values, `bound ${d.bound}`);
      assert.equal(draws.cursor, d.blocksUsed, `blocks used for bound ${d.bound}`);
    }
  }
});

test("a slot round with a wrong stop is caught", async () => {
  const c = vectors.cases[0];
  const reels = [["A", "B", "C", "D"], ["A", "B", "C"], ["A", "B", "C", "D", "E"], ["A", "B"], ["A", "B", "C"]];
  const draws = await RoundDraws.of(c.serverSeed, c.clientSeed, c.nonce);
  const stops = [];
  for (const reel of reels) stops.push(await draws.nextInt(reel.length));
  const grid = stops.map((s, r) => [0, 1, 2].map((row) => reels[r][(s + row) % reels[r].length]));
  const honest = await verifySlotRound({ ...c, reels, outcome: { spins: [{ stops, grid }] } });
  assert.ok(honest.every((check) => check.ok), JSON.stringify(honest));

  const forged = { spins: [{ stops: [(stops[0] + 1) % 4, ...stops.slice(1)], grid }] };
  const caught = await verifySlotRound({ ...c, reels, outcome: forged });
  assert.ok(caught.some((check) => check.ok === false));
});

test("a wrong commitment is caught", async () => {
  const c = vectors.cases[0];
  const checks = await verifySlotRound({ ...c, commitment: "0".repeat(64) });
  assert.equal(checks[0].ok, false);
});
