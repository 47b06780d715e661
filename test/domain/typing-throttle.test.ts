import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTypingThrottle, type ThrottleTimers, type TypingSignal } from '../../server/domain/typing-throttle.js';
import { cutUserAgent, draftTail, firstLocale } from '../../server/domain/visitor.js';

/** Timers on a fake clock: `advance` runs what falls due, in time order. */
function fakeTimers() {
  let now = 1_000_000;
  let nextId = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: ThrottleTimers = {
    now: () => now,
    set(fn, ms) {
      due.set(++nextId, { at: now + ms, fn });
      return nextId;
    },
    clear: (id) => void due.delete(id as number),
  };
  return {
    timers,
    pending: () => due.size,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}

function setup() {
  const clock = fakeTimers();
  const got: { at: number; key: string; signal: TypingSignal }[] = [];
  const start = clock.timers.now();
  const throttle = createTypingThrottle(
    (key, signal) => got.push({ at: clock.timers.now() - start, key, signal }),
    clock.timers,
  );
  return {
    clock,
    got,
    throttle,
    typing: (key: string, draft?: string) => throttle.receive(key, { typing: true, draft }),
  };
}

test('typing throttle: at most 2 signals a second per key; repeats that change nothing are dropped', () => {
  const { clock, got, typing } = setup();
  for (let i = 0; i < 15; i++) {
    typing('a');
    clock.advance(100);
  }
  assert.deepEqual(
    got.map((g) => g.at),
    [0, 100, 1000, 1100],
  );
  // Another key has its own budget.
  typing('b');
  assert.equal(got.at(-1)!.key, 'b');
});

test('typing throttle: a final typing:false is never dropped, only delivered when the window has room', () => {
  const { clock, got, throttle, typing } = setup();
  typing('a');
  clock.advance(50);
  typing('a');
  clock.advance(50);
  throttle.receive('a', { typing: false });
  assert.equal(got.length, 2, 'the false waits for room');
  clock.advance(899);
  assert.equal(got.length, 2);
  clock.advance(1);
  assert.deepEqual(got.at(-1), { at: 1000, key: 'a', signal: { typing: false } });
  // Nothing more goes out: no stale timer for a stopped sender.
  clock.advance(10_000);
  assert.equal(got.length, 3);
});

test('typing throttle: typing again before a waiting false goes out makes the false moot', () => {
  const { clock, got, throttle, typing } = setup();
  typing('a');
  typing('a');
  throttle.receive('a', { typing: false });
  typing('a');
  clock.advance(1000);
  assert.deepEqual(
    got.map((g) => g.signal.typing),
    [true, true],
  );
  clock.advance(6000);
  assert.deepEqual(got.at(-1)!.signal, { typing: false }, 'then it goes stale');
});

test('typing throttle: the latest draft is delivered once there is room', () => {
  const { clock, got, typing } = setup();
  typing('a', 'H');
  typing('a', 'He');
  typing('a', 'Hel');
  typing('a', 'Hell');
  clock.advance(1000);
  assert.deepEqual(
    got.map((g) => [g.at, g.signal.draft]),
    [
      [0, 'H'],
      [0, 'He'],
      [1000, 'Hell'],
    ],
  );
});

test('typing throttle: typing:true not refreshed within 6 s counts as stopped; a refresh keeps it', () => {
  const { clock, got, typing } = setup();
  typing('a');
  clock.advance(5000);
  typing('a');
  clock.advance(5999);
  assert.deepEqual(
    got.map((g) => g.signal.typing),
    [true, true],
  );
  clock.advance(1);
  assert.deepEqual(got.at(-1), { at: 11_000, key: 'a', signal: { typing: false } });
});

test('typing throttle: keys with nothing going on are forgotten', () => {
  const { clock, throttle, typing } = setup();
  typing('a');
  throttle.receive('a', { typing: false });
  typing('b');
  assert.equal(throttle.size(), 2);
  clock.advance(7000);
  assert.equal(throttle.size(), 0);
  assert.equal(clock.pending(), 0);
});

test('visitor hints: first Accept-Language tag, user agent cut, draft tail', () => {
  assert.equal(firstLocale('de-CH,de;q=0.9,en;q=0.5'), 'de-CH');
  assert.equal(firstLocale('fr;q=0.8'), 'fr');
  assert.equal(firstLocale('*'), null);
  assert.equal(firstLocale('<script>'), null);
  assert.equal(firstLocale(undefined), null);
  assert.equal(cutUserAgent(`a\u0007b${'x'.repeat(300)}`), `ab${'x'.repeat(254)}`);
  assert.equal(cutUserAgent('  '), null);
  assert.equal(draftTail('short'), 'short');
  assert.equal(draftTail(`${'a'.repeat(150)}${'😀'.repeat(100)}`), `${'a'.repeat(100)}${'😀'.repeat(100)}`);
});
