import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WaitingQueue } from '../../server/domain/queue.js';

interface V {
  id: string;
}
const v = (id: string): V => ({ id });
const ids = (q: WaitingQueue<V>): string[] => q.entries().map((e) => e.id);

test('fresh visitors are served first come first served', () => {
  const q = new WaitingQueue<V>();
  for (const id of ['a', 'b', 'c']) q.join(v(id), 0);
  assert.deepEqual(ids(q), ['a', 'b', 'c']);
  assert.equal(q.size, 3);
  assert.equal(q.head()?.id, 'a');
  assert.deepEqual(
    ['a', 'b', 'c'].map((id) => q.ahead(id)),
    [0, 1, 2],
  );
  assert.equal(q.ahead('zzz'), undefined);
});

test('join and joinFront reject duplicate ids', () => {
  const q = new WaitingQueue<V>();
  q.join(v('a'), 0);
  assert.throws(() => q.join(v('a'), 1));
  assert.throws(() => q.joinFront(v('a'), 1));
  assert.equal(q.size, 1);
});

test('requeued chats go ahead of fresh visitors, FIFO among themselves', () => {
  const q = new WaitingQueue<V>();
  q.join(v('a'), 0);
  q.join(v('b'), 1);
  q.joinFront(v('r1'), 2);
  q.join(v('c'), 3);
  q.joinFront(v('r2'), 4);
  assert.deepEqual(ids(q), ['r1', 'r2', 'a', 'b', 'c']);
  assert.equal(q.head()?.id, 'r1');
  assert.equal(q.ahead('r2'), 1);
  assert.equal(q.ahead('a'), 2);
  assert.equal(q.ahead('c'), 4);
  q.remove('r1');
  assert.equal(q.head()?.id, 'r2');
  assert.equal(q.ahead('a'), 1);
});

test('removal in the middle moves everyone behind forward', () => {
  const q = new WaitingQueue<V>();
  for (const id of ['a', 'b', 'c', 'd']) q.join(v(id), 0);
  assert.equal(q.remove('b')?.id, 'b');
  assert.equal(q.remove('b'), undefined);
  assert.equal(q.has('b'), false);
  assert.equal(q.get('b'), undefined);
  assert.equal(q.get('c')?.id, 'c');
  assert.deepEqual([q.ahead('a'), q.ahead('c'), q.ahead('d')], [0, 1, 2]);
  q.remove('a');
  assert.equal(q.head()?.id, 'c');
  assert.deepEqual([q.ahead('c'), q.ahead('d')], [0, 1]);
  q.remove('c');
  q.remove('d');
  assert.equal(q.head(), undefined);
  assert.equal(q.size, 0);
});

test('expired lists idle entries oldest first without removing; touch refreshes', () => {
  const q = new WaitingQueue<V>();
  q.join(v('a'), 1000);
  q.join(v('b'), 2000);
  q.joinFront(v('c'), 3000);
  assert.deepEqual(
    q.expired(3000, 500).map((e) => e.id),
    ['a', 'b'],
  );
  assert.equal(q.size, 3);
  q.touch('a', 3500);
  assert.deepEqual(
    q.expired(3600, 500).map((e) => e.id),
    ['b', 'c'],
  );
  // Exactly maxIdleMs idle is not expired ("more than").
  assert.deepEqual(
    q.expired(4000, 1000).map((e) => e.id),
    ['b'],
  );
  q.remove('b');
  q.touch('b', 9999); // absent: no-op
  assert.deepEqual(
    q.expired(4000, 0).map((e) => e.id),
    ['c', 'a'],
  );
  assert.deepEqual(q.expired(4000, 10_000), []);
});

test('restore keeps the documented order and last-seen times', () => {
  const q = new WaitingQueue<V>();
  q.restore([
    { entry: v('r1'), front: true, lastSeenAt: 50 },
    { entry: v('a'), front: false, lastSeenAt: 10 },
    { entry: v('r2'), front: true, lastSeenAt: 30 },
    { entry: v('b'), front: false, lastSeenAt: 20 },
  ]);
  assert.deepEqual(ids(q), ['r1', 'r2', 'a', 'b']);
  assert.deepEqual(
    q.expired(100, 60).map((e) => e.id),
    ['a', 'b', 'r2'],
  );
  assert.throws(() => q.restore([]));
});

test('tree memory tracks queue length, not total joins', () => {
  const q = new WaitingQueue<V>({ minCapacity: 4 });
  for (let i = 0; i < 10_000; i++) {
    q.join(v(`v${i}`), i);
    if (i >= 3) q.remove(`v${i - 3}`);
  }
  assert.equal(q.size, 3);
  assert.ok(q.capacity <= 8, `capacity ${q.capacity}`);
  assert.deepEqual(ids(q), ['v9997', 'v9998', 'v9999']);
  assert.equal(q.ahead('v9999'), 2);
});

/** Naive reference model: two arrays and a last-seen map. */
class Model {
  front: string[] = [];
  back: string[] = [];
  seen = new Map<string, number>();
  order(): string[] {
    return [...this.front, ...this.back];
  }
  has(id: string): boolean {
    return this.seen.has(id);
  }
}

type Op =
  | { kind: 'join'; n: number; dt: number }
  | { kind: 'joinFront'; n: number; dt: number }
  | { kind: 'remove'; pick: number; dt: number }
  | { kind: 'touch'; pick: number; dt: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('join' as const), n: fc.nat(40), dt: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('joinFront' as const), n: fc.nat(40), dt: fc.nat(5) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(), dt: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('touch' as const), pick: fc.nat(), dt: fc.nat(5) }) },
);

test('property: WaitingQueue matches a naive array model', () => {
  let compactions = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 50, maxLength: 300 }), fc.nat(20), (ops, maxIdle) => {
      const q = new WaitingQueue<V>({ minCapacity: 2 });
      const m = new Model();
      let now = 0;
      let peak = 0;
      let cap = q.capacity;
      for (const op of ops) {
        now += op.dt;
        if (op.kind === 'join' || op.kind === 'joinFront') {
          const id = `v${op.n}`;
          if (m.has(id)) {
            assert.throws(() => q[op.kind](v(id), now));
            continue;
          }
          q[op.kind](v(id), now);
          (op.kind === 'join' ? m.back : m.front).push(id);
          m.seen.set(id, now);
        } else {
          const all = m.order();
          // Occasionally target an absent id.
          const id = all.length === 0 || op.pick % 7 === 0 ? 'absent' : all[op.pick % all.length]!;
          if (op.kind === 'remove') {
            assert.equal(q.remove(id)?.id, m.has(id) ? id : undefined);
            m.front = m.front.filter((x) => x !== id);
            m.back = m.back.filter((x) => x !== id);
            m.seen.delete(id);
          } else {
            q.touch(id, now);
            if (m.has(id)) {
              m.seen.delete(id);
              m.seen.set(id, now);
            }
          }
        }
        const order = m.order();
        assert.deepEqual(ids(q), order);
        assert.equal(q.size, order.length);
        assert.equal(q.head()?.id, order[0]);
        for (const [i, id] of order.entries()) assert.equal(q.ahead(id), i);
        // Model map is in last-seen order (clock is non-decreasing): oldest first.
        const expired = [...m.seen].filter(([, at]) => now - at > maxIdle).map(([id]) => id);
        assert.deepEqual(
          q.expired(now, maxIdle).map((e) => e.id),
          expired,
        );
        if (q.capacity !== cap) {
          compactions++; // a resize implies a compaction ran
          cap = q.capacity;
        }
        peak = Math.max(peak, order.length);
        assert.ok(q.capacity <= Math.max(2, 2 * peak), `capacity ${q.capacity} peak ${peak}`);
      }
    }),
    { numRuns: 150 },
  );
  assert.ok(compactions > 100, `only ${compactions} compactions observed`);
});
