// REST calls to /auth and /api, and the tokens they return. Tokens live in memory; the refresh
// token is kept in sessionStorage so a reload of the tab stays signed in, and nothing else persists.

const REFRESH_KEY = "croupier.refresh";
let tokens = null;
let refreshTimer = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code || "UNAVAILABLE";
    this.fieldErrors = body?.errors || [];
    this.retryAfter = body?.retryAfterSeconds;
  }
}

async function call(method, path, body, auth = false) {
  const headers = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth && tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { code: "UNAVAILABLE", detail: "The server cannot be reached." });
  }
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function safeParse(text) {
  try { return JSON.parse(text); } catch { return null; }
}

function store(newTokens) {
  tokens = newTokens;
  if (tokens) {
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    clearTimeout(refreshTimer);
    // Refresh a minute before the access token expires, so the socket never sees an expired one.
    const inMs = Math.max(10, tokens.expiresIn - 60) * 1000;
    refreshTimer = setTimeout(() => refresh().catch(() => signOut()), inMs);
  } else {
    sessionStorage.removeItem(REFRESH_KEY);
    clearTimeout(refreshTimer);
  }
  listeners.forEach((fn) => fn(tokens));
}

export function onTokens(fn) { listeners.add(fn); }
export function accessToken() { return tokens?.accessToken; }
export function userId() { return tokens?.userId; }

export async function register(email, password, displayName) {
  return call("POST", "/auth/register", { email, password, displayName });
}

export async function login(email, password) {
  store(await call("POST", "/auth/login", { email, password, deviceId: deviceId() }));
  return tokens;
}

export async function refresh() {
  const refreshToken = tokens?.refreshToken || sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) throw new ApiError(401, { code: "INVALID_TOKEN" });
  store(await call("POST", "/auth/refresh", { refreshToken }));
  return tokens;
}

export async function signOut() {
  const refreshToken = tokens?.refreshToken || sessionStorage.getItem(REFRESH_KEY);
  const accessToken = tokens?.accessToken;
  store(null);
  // The access token is revoked too, so it stops working at once rather than at its expiry.
  if (refreshToken) await call("POST", "/auth/logout", { refreshToken, accessToken }).catch(() => {});
}

/** Finishes a social (OIDC) login: the one-time code from the redirect, traded for tokens. */
export async function exchangeSignInCode(code) {
  store(await call("POST", "/auth/oidc/token", { code, deviceId: deviceId() }));
  return tokens;
}

/** The social login providers the gateway is configured with: [{id, name, loginUrl}]. */
export async function providers() {
  return (await call("GET", "/auth/providers")) || [];
}

/** A one-time ticket for the WebSocket upgrade, or null when signed out. */
export async function socketTicket() {
  if (!tokens) return null;
  return (await call("POST", "/auth/ws-ticket", undefined, true)).ticket;
}

export async function me() { return call("GET", "/auth/me", undefined, true); }

/** The game's descriptor and reel strips, for drawing the reels and verifying rounds. */
export async function gameMath(gameId, version) {
  return call("GET", `/api/games/${encodeURIComponent(gameId)}/${encodeURIComponent(version)}`, undefined, true);
}

/** The wallet's currencies with their scales. */
export async function currencies() {
  return (await call("GET", "/api/currencies", undefined, true)).currencies;
}

/** A page of the player's own ledger entries, newest first. */
export async function transactions(cursor, limit = 20, currency = "COIN") {
  const query = new URLSearchParams({ currency, limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return call("GET", `/api/me/transactions?${query}`, undefined, true);
}

/** One of the player's rounds as game recall rebuilds and checks it. */
export async function round(sessionId, round) {
  return call("GET", `/api/me/rounds/${encodeURIComponent(sessionId)}/${encodeURIComponent(round)}`, undefined, true);
}

function deviceId() {
  let id = localStorage.getItem("croupier.device");
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem("croupier.device", id);
  }
  return id;
}
