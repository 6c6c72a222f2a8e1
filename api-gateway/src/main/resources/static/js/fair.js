// Provably fair verification in the browser, written from game-plugins/api/FAIRNESS.md:
//   commitment = SHA-256(serverSeed bytes)
//   block(c)   = HMAC-SHA256(serverSeed bytes, UTF-8(clientSeed + ":" + nonce + ":" + c))
//   a draw is the next 4 bytes, big-endian; range [0,k) by rejection below 2^32 - (2^32 mod k).
// It shares no code with the server, so a match is real evidence.

const TWO_32 = 2 ** 32;

export function hexToBytes(hex) {
  if (!/^([0-9a-f]{2})+$/.test(hex)) throw new Error("not lower-case hex");
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function bytesToHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function commitmentOf(serverSeedHex) {
  return bytesToHex(await crypto.subtle.digest("SHA-256", hexToBytes(serverSeedHex)));
}

/** The draws of one round: an async stream of unsigned 32-bit integers. */
export class RoundDraws {
  constructor(key, clientSeed, nonce) {
    this.key = key;
    this.clientSeed = clientSeed;
    this.nonce = nonce;
    this.cursor = 0;
    this.block = null;
    this.offset = 32;
  }

  static async of(serverSeedHex, clientSeed, nonce) {
    const key = await crypto.subtle.importKey("raw", hexToBytes(serverSeedHex), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new RoundDraws(key, clientSeed, nonce);
  }

  async nextRaw() {
    if (this.offset + 4 > 32) {
      const message = new TextEncoder().encode(`${this.clientSeed}:${this.nonce}:${this.cursor++}`);
      this.block = new Uint8Array(await crypto.subtle.sign("HMAC", this.key, message));
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
  }

  /** A uniform integer in [0, k), by rejection sampling; never plain modulo. */
  async nextInt(k) {
    if (!Number.isInteger(k) || k < 1 || k > TWO_32) throw new Error(`bad range ${k}`);
    const limit = TWO_32 - (TWO_32 % k);
    for (;;) {
      const u = await this.nextRaw();
      if (u < limit) return u % k;
    }
  }
}

/**
 * Recomputes a slot round's reel stops and grid from the seeds, and compares them with the
 * outcome the player was shown. Returns a list of named checks.
 */
export async function verifySlotRound({ serverSeed, commitment, clientSeed, nonce, reels, outcome }) {
  const checks = [];
  const actualCommitment = await commitmentOf(serverSeed);
  checks.push({ name: "Commitment", ok: actualCommitment === commitment,
    detail: `SHA-256(server seed) = ${actualCommitment}` });
  if (!reels || !outcome?.spins) {
    checks.push({ name: "Outcome", ok: null, detail: "No outcome given: only the commitment was checked." });
    return checks;
  }
  const draws = await RoundDraws.of(serverSeed, clientSeed, nonce);
  let allStops = true;
  let allGrids = true;
  for (const [i, spin] of outcome.spins.entries()) {
    const stops = [];
    for (const reel of reels) stops.push(await draws.nextInt(reel.length));
    const grid = stops.map((stop, r) => [0, 1, 2].map((row) => reels[r][(stop + row) % reels[r].length]));
    const sameStops = JSON.stringify(stops) === JSON.stringify(spin.stops);
    const sameGrid = JSON.stringify(grid) === JSON.stringify(spin.grid);
    allStops &&= sameStops;
    allGrids &&= sameGrid;
    checks.push({ name: i === 0 ? "Base spin" : `Free spin ${i}`, ok: sameStops && sameGrid,
      detail: `stops ${stops.join(", ")}${sameStops ? "" : ` (shown: ${spin.stops?.join(", ")})`}` });
  }
  checks.push({ name: "Every reel stop", ok: allStops, detail: `${outcome.spins.length} spin(s) recomputed` });
  checks.push({ name: "Every symbol shown", ok: allGrids, detail: "grids match the reel strips" });
  return checks;
}
