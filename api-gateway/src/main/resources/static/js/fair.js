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
 * Plays a slot round from its seeds, by the rules in game-plugins/slots/MATH.md ("How a round is
 * played"): `game` is what GET /api/games/{id}/{version} gives for the version (reels, paylines,
 * wild, scatter, jackpotSymbol, linePays, scatterPays, freeSpins). Returns the outcome in the shape
 * the server sends (PROTOCOL.md, "The slot's outcome"). Written from the documents only; it shares
 * no code with the server.
 */
export async function playSlotRound(game, { serverSeed, clientSeed, nonce, stake }) {
  const lines = game.paylines.length;
  if (!Number.isSafeInteger(stake) || stake <= 0 || stake % lines !== 0) throw new Error(`bad stake ${stake}`);
  const lineBet = stake / lines;
  const draws = await RoundDraws.of(serverSeed, clientSeed, nonce);
  const { triggerCount, awarded: perTrigger, multiplier: freeMultiplier, maxPerFeature } = game.freeSpins;

  async function spin(multiplier) {
    const stops = [];
    for (const reel of game.reels) stops.push(await draws.nextInt(reel.length));
    const grid = stops.map((stop, r) => [0, 1, 2].map((row) => game.reels[r][(stop + row) % game.reels[r].length]));
    const lineWins = [];
    let lineUnits = 0;
    game.paylines.forEach((rows, i) => {
      const paid = linePay(game, rows.map((row, r) => grid[r][row]));
      if (paid) {
        lineWins.push({ line: i + 1, symbol: paid.symbol, count: paid.count, win: paid.units * multiplier * lineBet });
        lineUnits += paid.units;
      }
    });
    const scatters = grid.flat().filter((s) => s === game.scatter).length;
    const scatterUnits = (scatters > 0 ? game.scatterPays[scatters - 1] : 0) * lines;
    return { stops, grid, multiplier, lineWins, scatters, scatterWin: scatterUnits * multiplier * lineBet,
      win: multiplier * (lineUnits + scatterUnits) * lineBet, freeSpinsAwarded: 0 };
  }

  const base = await spin(1);
  const jackpotHit = game.paylines.some((rows) => rows.every((row, r) => base.grid[r][row] === game.jackpotSymbol));
  let awarded = base.scatters >= triggerCount ? perTrigger : 0;
  base.freeSpinsAwarded = awarded;
  const spins = [base];
  let remaining = awarded;
  while (remaining > 0) {
    const free = await spin(freeMultiplier);
    if (free.scatters >= triggerCount) {
      free.freeSpinsAwarded = Math.min(perTrigger, maxPerFeature - awarded);
      awarded += free.freeSpinsAwarded;
    }
    remaining += free.freeSpinsAwarded - 1;
    spins.push(free);
  }
  return { lineBet, spins, freeSpinsPlayed: spins.length - 1, jackpotHit,
    totalWin: spins.reduce((sum, s) => sum + s.win, 0) };
}

/** What a payline pays: the larger of its symbol run and its leading wilds, or null. */
function linePay(game, cells) {
  let symbol = null;
  let run = 0;
  let wilds = 0;
  for (const s of cells) {
    if (s === game.wild) {
      run++;
      if (symbol === null) wilds++;
    } else if (s === game.scatter || s === game.jackpotSymbol) {
      break;
    } else if (symbol === null) {
      symbol = s;
      run++;
    } else if (s === symbol) {
      run++;
    } else {
      break;
    }
  }
  const pay = (sym, count) => (count > 0 ? game.linePays[sym]?.[count - 1] ?? 0 : 0);
  const symbolPay = symbol === null ? 0 : pay(symbol, run);
  const wildPay = pay(game.wild, wilds);
  if (symbolPay >= wildPay) return symbolPay === 0 ? null : { symbol, count: run, units: symbolPay };
  return { symbol: game.wild, count: wilds, units: wildPay };
}

/**
 * Whether two JSON values are equal. Key order is not part of the contract (a round recalled from
 * the database comes back with its keys reordered), so objects are compared key by key.
 */
export function same(a, b) {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === "object") {
    if (!b || typeof b !== "object" || Array.isArray(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
  }
  return a === b;
}

/**
 * Checks a slot round the player was shown against its seeds: the commitment, and each spin's reel
 * stops and symbols from the reel strips. Given the game's rules (`game`, as the games API serves
 * them) it replays the whole round and checks every win too: each line win, the scatters, the free
 * spins, the jackpot flag and the total. Returns a list of named checks.
 */
export async function verifySlotRound({ serverSeed, commitment, clientSeed, nonce, reels, game, stake, outcome }) {
  const checks = [];
  const actualCommitment = await commitmentOf(serverSeed);
  checks.push({ name: "Commitment", ok: actualCommitment === commitment,
    detail: `SHA-256(server seed) = ${actualCommitment}` });
  reels = reels || game?.reels;
  if (!reels || !outcome?.spins) {
    checks.push({ name: "Outcome", ok: null, detail: "No outcome given: only the commitment was checked." });
    return checks;
  }
  const full = game?.linePays && game?.paylines;
  const lines = game?.paylines?.length;
  const replay = full
    ? await playSlotRound(game, { serverSeed, clientSeed, nonce, stake: stake ?? outcome.lineBet * lines })
    : null;
  const draws = replay ? null : await RoundDraws.of(serverSeed, clientSeed, nonce);
  let allStops = true;
  let allGrids = true;
  let allWins = true;
  const count = Math.max(outcome.spins.length, replay?.spins.length ?? 0);
  for (let i = 0; i < count; i++) {
    const spin = outcome.spins[i];
    let expected;
    if (replay) {
      expected = replay.spins[i];
    } else {
      const stops = [];
      for (const reel of reels) stops.push(await draws.nextInt(reel.length));
      expected = { stops, grid: stops.map((stop, r) => [0, 1, 2].map((row) => reels[r][(stop + row) % reels[r].length])) };
    }
    const sameStops = same(expected?.stops, spin?.stops);
    const sameGrid = same(expected?.grid, spin?.grid);
    const sameWins = !replay || (same(expected?.lineWins, spin?.lineWins) && expected?.scatters === spin?.scatters
      && expected?.scatterWin === spin?.scatterWin && expected?.win === spin?.win
      && expected?.multiplier === spin?.multiplier && expected?.freeSpinsAwarded === spin?.freeSpinsAwarded);
    allStops &&= sameStops;
    allGrids &&= sameGrid;
    allWins &&= sameWins;
    const shown = spin ? `stops ${expected?.stops?.join(", ") ?? "none"}` : "not shown";
    checks.push({ name: i === 0 ? "Base spin" : `Free spin ${i}`, ok: sameStops && sameGrid && sameWins,
      detail: `${shown}${sameStops ? "" : ` (shown: ${spin?.stops?.join(", ")})`}${replay ? `, win ${expected?.win ?? 0}` : ""}${sameWins ? "" : ` (shown: ${spin?.win})`}` });
  }
  checks.push({ name: "Every reel stop", ok: allStops, detail: `${count} spin(s) recomputed` });
  checks.push({ name: "Every symbol shown", ok: allGrids, detail: "grids match the reel strips" });
  if (replay) {
    checks.push({ name: "Every win", ok: allWins, detail: "line wins, scatters and free spins recomputed from the paytable" });
    const totals = replay.totalWin === outcome.totalWin && replay.lineBet === outcome.lineBet
      && replay.freeSpinsPlayed === outcome.freeSpinsPlayed;
    checks.push({ name: "Total win", ok: totals, detail: `${replay.totalWin} minor units, ${replay.freeSpinsPlayed} free spin(s)` });
    checks.push({ name: "Jackpot", ok: replay.jackpotHit === outcome.jackpotHit, detail: replay.jackpotHit ? "five on a payline: hit" : "not hit" });
  }
  return checks;
}

// ---- Poker (game-plugins/api/FAIRNESS.md, "Poker hands") -----------------------------------------

const RANKS = "23456789TJQKA";
const SUITS = "cdhs";

/** Card id 0..51 as a code: rank * 4 + suit, ranks 2..A, suits clubs, diamonds, hearts, spades. */
export function cardCode(id) {
  return RANKS[id >> 2] + SUITS[id & 3];
}

/** The 52 card ids in dealt order: Fisher–Yates from the top over the hand's draws. */
export async function shuffledDeck(serverSeed, clientSeed, handNumber) {
  const draws = await RoundDraws.of(serverSeed, clientSeed, handNumber);
  const items = Array.from({ length: 52 }, (_, i) => i);
  for (let i = 51; i > 0; i--) {
    const j = await draws.nextInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** The seats dealt in, in deal order: first left of the button, the button last. */
export function dealOrder(seats, button, seatCount) {
  const after = (seat) => (((seat - button - 1) % seatCount) + seatCount) % seatCount;
  return [...seats].sort((a, b) => after(a) - after(b));
}

/**
 * Every card of a hand from its seeds: with n seats dealt in, the k-th seat in deal order gets deck
 * positions k and n + k; then burn 2n, flop 2n+1..2n+3, burn 2n+4, turn 2n+5, burn 2n+6, river 2n+7.
 */
export async function dealPokerHand({ serverSeed, clientSeed, handNumber, order }) {
  const deck = (await shuffledDeck(serverSeed, clientSeed, handNumber)).map(cardCode);
  const n = order.length;
  const holeCards = new Map(order.map((seat, k) => [seat, [deck[k], deck[n + k]]]));
  const board = [deck[2 * n + 1], deck[2 * n + 2], deck[2 * n + 3], deck[2 * n + 5], deck[2 * n + 7]];
  return { deck, holeCards, board };
}

/**
 * Checks a hand a player saw against the revealed seed: the commitment, the player's own cards,
 * the board dealt, and every hand shown at the showdown. `shown` is [{seat, cards}].
 */
export async function verifyPokerHand({ serverSeed, commitment, clientSeed, handNumber, order, mySeat, myCards, board, shown = [] }) {
  const checks = [];
  const actual = await commitmentOf(serverSeed);
  checks.push({ name: "Commitment", ok: actual === commitment, detail: `SHA-256(server seed) = ${actual}` });
  const deal = await dealPokerHand({ serverSeed, clientSeed, handNumber, order });
  if (myCards?.length) {
    const mine = deal.holeCards.get(mySeat) || [];
    checks.push({ name: "Your cards", ok: same(mine, myCards), detail: `re-dealt ${mine.join(" ")}` });
  }
  const dealt = deal.board.slice(0, board?.length || 0);
  checks.push({ name: "Board", ok: same(dealt, board || []), detail: dealt.length ? `re-dealt ${dealt.join(" ")}` : "no board dealt" });
  for (const s of shown) {
    const cards = deal.holeCards.get(s.seat) || [];
    checks.push({ name: `Seat ${s.seat + 1} shown`, ok: same(cards, s.cards), detail: `re-dealt ${cards.join(" ")}` });
  }
  return { checks, deal };
}
