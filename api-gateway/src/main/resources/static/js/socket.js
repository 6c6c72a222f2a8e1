// The croupier.v1 WebSocket protocol (api-gateway/PROTOCOL.md): requests carry an id and resolve
// with the reply whose `re` matches; events go to subscribers. Requests still unanswered when the
// socket drops are sent again, with the same id, after the reconnect: bets are idempotent by id.

export class ProtocolError extends Error {
  constructor(frame) {
    super(frame.message || frame.code);
    this.code = frame.code;
  }
}

export class CroupierSocket {
  // ticketProvider: async, resolves with a one-time ticket (POST /auth/ws-ticket), or null when
  // signed out. The ticket travels as a subprotocol: a token never goes in the URL.
  constructor(ticketProvider, onState) {
    this.ticketProvider = ticketProvider;
    this.onState = onState || (() => {});
    this.pending = new Map();
    this.handlers = new Map();
    this.topics = new Set();
    this.backoff = 500;
    this.closedByUs = false;
  }

  async connect() {
    this.closedByUs = false;
    this.onState("connecting");
    let ticket;
    try {
      ticket = await this.ticketProvider();
    } catch (e) {
      this.onState("offline");
      this.retry();
      return;
    }
    if (!ticket || this.closedByUs) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/ws`, ["croupier.v1", `croupier.ticket.${ticket}`]);
    this.ws = ws;
    ws.onopen = () => {
      this.backoff = 500;
      this.onState("online");
      for (const topic of this.topics) this.send("subscribe", { topic }).catch(() => {});
      for (const [id, p] of this.pending) ws.send(JSON.stringify({ id, type: p.type, payload: p.payload }));
      this.emit("reconnected", {});
    };
    ws.onmessage = (e) => this.receive(e.data);
    ws.onclose = (e) => {
      this.onState("offline");
      if (this.closedByUs) return;
      // 1008: the token expired or was revoked; the app refreshes it before we come back.
      this.emit("closed", { code: e.code, reason: e.reason });
      this.retry();
    };
  }

  retry() {
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, 15000);
    setTimeout(() => this.connect(), wait);
  }

  close() {
    this.closedByUs = true;
    this.ws?.close(1000, "bye");
  }

  /** Sends a request; resolves with the reply payload or rejects with a ProtocolError. */
  send(type, payload = {}, id = crypto.randomUUID()) {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type, payload, resolve, reject });
      if (this.ws?.readyState === WebSocket.OPEN) {
        this.ws.send(JSON.stringify({ id, type, payload }));
      }
    });
  }

  subscribe(topic) {
    this.topics.add(topic);
    return this.send("subscribe", { topic });
  }

  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(fn);
  }

  emit(type, payload) {
    this.handlers.get(type)?.forEach((fn) => fn(payload));
  }

  receive(data) {
    let frame;
    try { frame = JSON.parse(data); } catch { return; }
    const waiting = frame.re ? this.pending.get(frame.re) : null;
    if (waiting) {
      this.pending.delete(frame.re);
      if (frame.type === "error") waiting.reject(new ProtocolError(frame));
      else waiting.resolve(frame.payload);
      return;
    }
    if (frame.type === "error") {
      this.emit("error", frame);
      return;
    }
    this.emit(frame.type, frame.payload);
  }
}
