/**
 * The typing relay's rules, per key (a chat and a side), with the clock and timers passed in:
 *
 * - at most `perWindow` signals are delivered in any `windowMs`; a signal that finds no room is
 *   dropped when it changes nothing the receiver knows (a repeated `typing: true` with the same
 *   draft), otherwise it waits and the latest such signal is delivered as soon as there is room
 *   (so a final `typing: false`, or the latest draft, is never lost, only late);
 * - a `typing: true` not followed by another signal within `staleMs` counts as stopped: the
 *   receiver gets `typing: false`.
 */

export interface TypingSignal {
  typing: boolean;
  draft?: string;
}

export interface ThrottleTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const TYPING_RULES = { perWindow: 2, windowMs: 1000, staleMs: 6000 } as const;

const realTimers: ThrottleTimers = {
  now: Date.now,
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clear: (t) => clearTimeout(t as NodeJS.Timeout),
};

interface KeyState {
  /** When the last signals were delivered (at most perWindow of them). */
  sent: number[];
  /** The last delivered signal. */
  last?: TypingSignal;
  pending?: TypingSignal;
  flush?: unknown;
  stale?: unknown;
  idle?: unknown;
}

export type TypingThrottle = ReturnType<typeof createTypingThrottle>;

export function createTypingThrottle(
  deliver: (key: string, signal: TypingSignal) => void,
  timers: ThrottleTimers = realTimers,
  rules: { perWindow: number; windowMs: number; staleMs: number } = TYPING_RULES,
) {
  const states = new Map<string, KeyState>();
  const same = (a: TypingSignal | undefined, b: TypingSignal) =>
    a !== undefined && a.typing === b.typing && (!b.typing || a.draft === b.draft);

  const send = (key: string, st: KeyState, signal: TypingSignal) => {
    st.sent.push(timers.now());
    if (st.sent.length > rules.perWindow) st.sent.shift();
    st.last = signal;
    deliver(key, signal);
  };
  /** When the next signal may go: now, or when the oldest of the window leaves it. */
  const roomAt = (st: KeyState) => (st.sent.length < rules.perWindow ? timers.now() : st.sent[0]! + rules.windowMs);

  /** A key with nothing going on is forgotten once its window has passed. */
  const settle = (key: string, st: KeyState) => {
    if (st.idle !== undefined) timers.clear(st.idle);
    st.idle = undefined;
    if (st.flush !== undefined || st.stale !== undefined || st.last?.typing) return;
    st.idle = timers.set(() => {
      if (states.get(key) === st && st.flush === undefined && st.stale === undefined) states.delete(key);
    }, rules.windowMs);
  };

  function receive(key: string, signal: TypingSignal): void {
    let st = states.get(key);
    if (!st) {
      st = { sent: [] };
      states.set(key, st);
    }
    const state = st;
    if (state.stale !== undefined) timers.clear(state.stale);
    state.stale = signal.typing
      ? timers.set(() => {
          state.stale = undefined;
          receive(key, { typing: false });
        }, rules.staleMs)
      : undefined;
    const at = roomAt(state);
    if (at <= timers.now()) {
      state.pending = undefined;
      if (state.flush !== undefined) timers.clear(state.flush);
      state.flush = undefined;
      send(key, state, signal);
    } else if (same(state.last, signal)) {
      // Back to what the receiver knows: whatever waited is moot.
      state.pending = undefined;
    } else {
      state.pending = signal;
      state.flush ??= timers.set(() => {
        state.flush = undefined;
        const next = state.pending;
        state.pending = undefined;
        if (next) send(key, state, next);
        settle(key, state);
      }, at - timers.now());
    }
    settle(key, state);
  }

  return {
    receive,
    /** Keys with state (for tests). */
    size: () => states.size,
  };
}
