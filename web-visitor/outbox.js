// The visitor's unconfirmed messages, sent one at a time in the order typed, each with its own
// `clientMsgId` (the server stores a key once and answers a repeat with the stored message: see
// docs/api.md "Delivery guarantees"). Paced under the server's per-chat limit, waiting as long as a
// `rate_limited` answer's `retryAfter` says; held while offline and sent again after a reconnect.
// Only an answer that will never change (the chat ended, the text is refused) makes one fail.
// No DOM and no socket here: `send` is given.

/** The server's default limit (--messages-per-second): at most this many in any second. */
const PER_SECOND = 3;
const WINDOW_MS = 1000;
/** Clocks and networks wobble: a little room before the window is surely over. */
const MARGIN_MS = 80;
/** Errors that another try will not change. */
const FINAL = new Set(['gone', 'invalid_request', 'payload_too_large', 'forbidden', 'not_found', 'unauthorized']);
/** Unexpected server errors (internal, …) are tried this often before the message is shown as not sent. */
const MAX_ERRORS = 4;

/**
 * @typedef {{ localId: string, clientMsgId: string, body: string, state: 'sending' | 'failed',
 *   code?: string, message?: string, errors: number }} Pending
 * @typedef {{ ok: true, message: object } | { ok: false, code: string, message?: string, retryAfter?: number }
 *   | { timeout: true }} Answer
 */

/**
 * @param {{
 *   send(p: Pending): Promise<Answer>,
 *   confirmed(message: object, p: Pending): void,
 *   changed(): void,
 *   store(items: { localId: string, clientMsgId: string, body: string }[]): void,
 * }} o
 * @param {{ localId: string, clientMsgId: string, body: string }[]} saved  left over from before a reload
 */
export function createOutbox(o, saved = []) {
  /** @type {Pending[]} */
  let items = saved.map((p) => ({
    localId: p.localId,
    clientMsgId: p.clientMsgId,
    body: p.body,
    state: 'sending',
    errors: 0,
  }));
  let online = false;
  /** @type {Pending | null} */
  let inFlight = null;
  let attempt = 0;
  let pausedUntil = 0;
  /** @type {number[]} when recent sends went out */
  let sentAt = [];
  let timer = 0;

  const store = () => o.store(items.map(({ localId, clientMsgId, body }) => ({ localId, clientMsgId, body })));

  /** The earliest moment the next send stays under the limit. */
  function paceAt(now) {
    sentAt = sentAt.filter((t) => now - t < WINDOW_MS + MARGIN_MS);
    return sentAt.length >= PER_SECOND ? sentAt[sentAt.length - PER_SECOND] + WINDOW_MS + MARGIN_MS : 0;
  }

  function pump() {
    clearTimeout(timer);
    timer = 0;
    if (!online || inFlight) return;
    const next = items.find((p) => p.state === 'sending');
    if (!next) return;
    const now = Date.now();
    const wait = Math.max(pausedUntil, paceAt(now)) - now;
    if (wait > 0) {
      timer = setTimeout(pump, wait);
      return;
    }
    inFlight = next;
    const mine = ++attempt;
    sentAt.push(now);
    o.send(next).then((answer) => {
      if (mine !== attempt) return; // went offline meanwhile: it is sent again on reconnect
      inFlight = null;
      settle(next, answer);
      pump();
    });
  }

  /** @param {Pending} p @param {Answer} a */
  function settle(p, a) {
    if ('timeout' in a) {
      pausedUntil = Date.now() + 1000; // no answer: the connection is poor; the same key again soon
      return;
    }
    if (a.ok) {
      items = items.filter((q) => q !== p);
      store();
      o.confirmed(a.message, p);
      return;
    }
    if (a.code === 'rate_limited') {
      pausedUntil = Date.now() + Math.max(1, a.retryAfter ?? 1) * 1000 + MARGIN_MS;
      return;
    }
    if (!FINAL.has(a.code) && ++p.errors < MAX_ERRORS) {
      pausedUntil = Date.now() + 1000 * 2 ** p.errors;
      return;
    }
    p.state = 'failed';
    p.code = a.code;
    p.message = a.message;
    o.changed();
  }

  return {
    /** @returns {Pending[]} in the order typed */
    items: () => items,
    /** True while some message still waits to be sent. */
    busy: () => items.some((p) => p.state === 'sending'),
    /** @param {string} body */
    add(body) {
      const p = { localId: `local-${newId()}`, clientMsgId: newId(), body, state: 'sending', errors: 0 };
      items.push(p);
      store();
      o.changed();
      pump();
      return p;
    },
    /** Connected (true) or not: sending stops and resumes; a send under way is repeated after a reconnect. */
    setOnline(value) {
      online = value;
      if (!value && inFlight) {
        attempt++;
        inFlight = null;
      }
      if (value) pump();
      else clearTimeout(timer);
    },
    /** Sends a failed one again (the visitor pressed Retry). */
    retry(p) {
      if (p.state !== 'failed') return;
      p.state = 'sending';
      p.errors = 0;
      o.changed();
      pump();
    },
    /** Takes one out (the visitor pressed Edit). */
    remove(p) {
      items = items.filter((q) => q !== p);
      store();
      o.changed();
    },
    stop() {
      online = false;
      attempt++;
      inFlight = null;
      clearTimeout(timer);
    },
  };
}

/** A random id; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
