import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeyedSerializer, createSerializer } from '../../server/domain/serialize.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('one key runs one call at a time in call order; a failure does not stop the next', async () => {
  const serialize = createKeyedSerializer();
  const log: string[] = [];
  const job =
    (name: string, ms: number, fail = false) =>
    async () => {
      log.push(`${name}+`);
      await tick(ms);
      log.push(`${name}-`);
      if (fail) throw new Error(name);
      return name;
    };
  const results = await Promise.allSettled([
    serialize('chat-1', job('a', 20, true)),
    serialize('chat-1', job('b', 1)),
    serialize('chat-2', job('c', 5)),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'fulfilled'],
  );
  // b waits for a (same key) even though a is slower; c (another key) does not wait.
  assert.ok(log.indexOf('b+') > log.indexOf('a-'), log.join(' '));
  assert.ok(log.indexOf('c+') < log.indexOf('a-'), log.join(' '));
});

test('the unkeyed serializer keeps every call in order', async () => {
  const serialize = createSerializer();
  const out: number[] = [];
  await Promise.all(
    [30, 1, 10].map((ms, i) =>
      serialize(async () => {
        await tick(ms);
        out.push(i);
      }),
    ),
  );
  assert.deepEqual(out, [0, 1, 2]);
});
