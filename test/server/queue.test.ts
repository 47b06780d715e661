import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { connect, nextEvent } from '../helpers/sockets.js';

test('first come, first served: concurrent joins get distinct places and only the front may start', async () => {
  const w = await startWorld(['alice']);
  try {
    const visitors = await Promise.all(Array.from({ length: 20 }, (_, i) => w.join(`V${i}`)));
    const aheads = (await Promise.all(visitors.map((v) => w.status(v)))).map((r) => r.body.ahead);
    assert.deepEqual(
      [...aheads].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i),
    );
    const order = visitors
      .map((v, i) => ({ v, ahead: aheads[i]! }))
      .sort((a, b) => a.ahead - b.ahead)
      .map((x) => x.v);

    await w.agentOnline('alice');
    // Nobody behind the front can skip the queue.
    for (const v of order.slice(1, 5)) {
      const res = await w.start(v);
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'not_your_turn');
    }
    // They are served strictly in order; each start moves everyone up by one.
    for (let i = 0; i < 5; i++) {
      const res = await w.start(order[i]!);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.agent, { name: 'Alice Agent' });
      assert.equal((await w.status(order[i + 1]!)).body.ahead, 0);
    }
    // Alice is at her default limit of 5: the next one at the front waits.
    const sixth = await w.start(order[5]!);
    assert.equal(sixth.status, 409);
    assert.equal(sixth.body.error.code, 'no_agent_available');
    assert.equal((await w.status(order[19]!)).body.ahead, 14);
  } finally {
    await w.close();
  }
});

test('queue tokens: a bad token is 401; starting twice with one token answers the same chat', async () => {
  const w = await startWorld(['alice']);
  try {
    assert.equal((await w.t.api('GET', '/api/queue/status')).status, 401);
    assert.equal((await w.t.api('GET', '/api/queue/status', { token: 'nonsense' })).body.error.code, 'unauthorized');
    const alice = await w.agentOnline('alice');
    // An agent's token is not a queue token.
    assert.equal((await w.t.api('GET', '/api/queue/status', { token: alice.token })).status, 401);
    const v = await w.join('Grace');
    const first = await w.start(v);
    const again = await w.start(v);
    assert.equal(again.status, 200);
    assert.equal(again.body.chatId, first.body.chatId);
    // The entry left the queue when the chat started.
    assert.equal((await w.status(v)).status, 401);
  } finally {
    await w.close();
  }
});

test('a visitor who stops polling is dropped, so the people behind move up', async () => {
  const w = await startWorld([], { abandonAfter: 1 });
  try {
    const quiet = await w.join('Quiet');
    const active = await w.join('Active');
    assert.equal((await w.status(active)).body.ahead, 1);
    const deadline = Date.now() + 4000;
    let ahead = 1;
    while (ahead !== 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      ahead = (await w.status(active)).body.ahead;
    }
    assert.equal(ahead, 0);
    const gone = await w.status(quiet);
    assert.equal(gone.status, 401);
    assert.equal(gone.body.error.code, 'unauthorized');
  } finally {
    await w.close();
  }
});

test('joins are limited to 3 per minute per client address (429 with Retry-After); names are validated', async () => {
  const w = await startWorld([]);
  try {
    for (let i = 0; i < 3; i++) assert.ok(await w.join(`Same ${i}`, '192.0.2.7'));
    const res = await w.t.api('POST', '/api/queue', {
      body: { name: 'Fourth' },
      headers: { 'x-forwarded-for': '192.0.2.7' },
    });
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, 'rate_limited');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    // Another address is not affected.
    assert.ok(await w.join('Elsewhere', '192.0.2.8'));
    for (const name of ['', '   ', 'x'.repeat(65), 'bell\u0007', 42]) {
      const bad = await w.t.api('POST', '/api/queue', { body: { name }, headers: { 'x-forwarded-for': '192.0.2.9' } });
      assert.equal(bad.status, 400, `name ${JSON.stringify(name)}`);
      assert.equal(bad.body.error.code, 'invalid_request');
    }
    const trimmed = await w.t.api('POST', '/api/queue', {
      body: { name: '  Ada  ' },
      headers: { 'x-forwarded-for': '192.0.2.10' },
    });
    assert.equal(trimmed.status, 201);
  } finally {
    await w.close();
  }
});

test('the visitor at the front is told at once on /queue when an agent comes online', async () => {
  const w = await startWorld(['alice']);
  try {
    const v = await w.join('Grace');
    const q = w.track(await connect(w.t.url, '/queue', { token: v.queueToken }));
    const turn = nextEvent(q, 'queue:turn');
    await w.agentOnline('alice');
    assert.deepEqual(await turn, { ahead: 0 });
  } finally {
    await w.close();
  }
});

test('a waiting visitor holding a /queue connection is not abandoned; once it closes, the clock runs', async () => {
  const w = await startWorld([], { abandonAfter: 1 });
  try {
    const connected = await w.join('Connected');
    const behind = await w.join('Behind');
    const q = w.track(await connect(w.t.url, '/queue', { token: connected.queueToken }));
    // Only the one behind polls (and so stays); the connected one never polls.
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await w.status(behind)).body.ahead, 1, `still in front after ${(i + 1) * 300} ms without a poll`);
    }
    q.close();
    const deadline = Date.now() + 5000;
    let ahead = 1;
    while (ahead !== 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      ahead = (await w.status(behind)).body.ahead;
    }
    assert.equal(ahead, 0, 'dropped after the connection closed');
  } finally {
    await w.close();
  }
});
