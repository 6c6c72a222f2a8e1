// Small, dependency-free helpers for showing things to people.

const numbers = new Intl.NumberFormat("en-US");

export function coins(amount) {
  return numbers.format(Number(amount));
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
