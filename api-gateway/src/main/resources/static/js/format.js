// Small, dependency-free helpers for showing things to people.

// Every amount on the wire is an integer in minor units; a currency's scale says how many of its
// digits are decimals (GET /api/currencies). COIN's is 2 until the server says otherwise.
const scales = new Map([["COIN", 2], ["CASH", 2]]);

/** Takes the wallet's currencies, {code, scale}, from GET /api/currencies. */
export function setCurrencies(list) {
  for (const c of list || []) scales.set(c.code, c.scale);
}

export function scaleOf(currency = "COIN") {
  return scales.get(currency) ?? 2;
}

/** An amount in minor units as a number with its currency's decimals: 123456 COIN is "1,234.56". */
export function amount(minor, currency = "COIN") {
  const scale = scaleOf(currency);
  const value = Number(minor);
  if (!Number.isFinite(value)) return "–";
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: scale, maximumFractionDigits: scale })
    .format(value / 10 ** scale);
}

/** An amount with its currency's scale and code: "1,234.56 COIN". */
export function money(minor, currency = "COIN") {
  return `${amount(minor, currency)} ${currency}`;
}

/** A signed amount for a ledger line: "+3.50 COIN", "−1.00 COIN". */
export function signedMoney(minor, currency = "COIN") {
  const value = Number(minor);
  return `${value > 0 ? "+" : value < 0 ? "−" : ""}${money(Math.abs(value), currency)}`;
}

/** What a person typed ("12.5", "1,000") in minor units, or NaN when it is not an amount. */
export function toMinor(text, currency = "COIN") {
  const scale = scaleOf(currency);
  const clean = String(text).trim().replace(/,/g, "");
  if (!/^\d+(\.\d*)?$/.test(clean)) return NaN;
  const [whole, fraction = ""] = clean.split(".");
  if (fraction.length > scale) return NaN;
  return Number(whole) * 10 ** scale + Number(fraction.padEnd(scale, "0") || 0);
}

/** Minor units as the text of an input in major units: 1250 COIN is "12.50". */
export function toMajor(minor, currency = "COIN") {
  const scale = scaleOf(currency);
  return (Number(minor) / 10 ** scale).toFixed(scale);
}

export function dateTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

export function time(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** Creates an element; children are text or nodes, never HTML strings, so nothing is injected. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

export function short(hex, n = 10) {
  return hex && hex.length > 2 * n ? `${hex.slice(0, n)}…${hex.slice(-n)}` : hex || "–";
}

/** Human words for the protocol's error codes. */
export function explain(code, fallback) {
  const words = {
    INSUFFICIENT_FUNDS: "Not enough coins for that stake.",
    CLIENT_SEED_LOCKED: "The client seed is fixed once a round is played. Close the session to choose another.",
    NOT_YOUR_SESSION: "That round belongs to another player.",
    NOT_YOUR_ACCOUNT: "Those entries belong to another player.",
    UNKNOWN_SESSION: "No such round.",
    BET_BELOW_MINIMUM: "That stake is below the table minimum.",
    BET_ABOVE_MAXIMUM: "That stake is above the table maximum.",
    ROUND_IN_PROGRESS: "Wait for the current round to finish.",
    SESSION_CLOSED: "This session is closed. Start a new one.",
    FEATURE_DISABLED: "Auto-spin is switched off right now.",
    RATE_LIMITED: "Slow down a little.",
    UNAVAILABLE: "The casino is catching its breath. Try again.",
    BAD_CREDENTIALS: "Email or password is wrong.",
    ACCOUNT_LOCKED: "Too many failed attempts: the account is locked for a while.",
    EMAIL_TAKEN: "An account with this email already exists.",
  };
  return words[code] || fallback || code;
}
