import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorld } from '../helpers/chat.js';
import { startTestServer } from '../helpers/server.js';
import { assertError, ISO_UTC, sleep } from '../helpers/staff.js';
import { connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

const rate = (t: { api: (...a: any[]) => Promise<any> }, token: string | undefined, body: unknown) =>
  t.api('POST', '/api/chat/rating', { token, body });

const rateOnce = 'rating: once the chat has ended, the visitor rates it once; its agent hears chat:rated; staff see it';
test(rateOnce, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    await emitAck(v.socket!, 'chat:send', { body: 'Thanks, that fixed it' });

    assertError(await rate(w.t, v.userToken, { score: 5 }), 409, 'conflict');
    assert.deepEqual(await emitAck(v.socket!, 'chat:end', {}), { ok: true });

    const rated = nextEvent(alice.socket, 'chat:rated');
    const res = await rate(w.t, v.userToken, { score: 4, comment: 'Quick and kind' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body), ['rating']);
    assert.equal(res.body.rating.score, 4);
    assert.equal(res.body.rating.comment, 'Quick and kind');
    assert.match(res.body.rating.ratedAt, ISO_UTC);
    assert.deepEqual(await rated, { chatId: v.chatId, score: 4, comment: 'Quick and kind' });

    assertError(await rate(w.t, v.userToken, { score: 1 }), 409, 'conflict');
    const detail = await w.t.api('GET', `/api/chats/${v.chatId}`, { token: alice.token });
    assert.deepEqual(detail.body.rating, res.body.rating);
    const asAdmin = await w.t.api('GET', `/api/chats/${v.chatId}`, { token: w.adminToken });
    assert.deepEqual(asAdmin.body.rating, res.body.rating);

    // The visitor's token works as before after the end: the history says ended, sending is refused.
    const { socket, payload: history } = await connectFor(w.t.url, '/visitor', { token: v.userToken }, 'chat:history');
    w.track(socket);
    assert.equal(history.status, 'ended');
    assert.equal('rating' in history, false);
    assert.equal((await emitAck(socket, 'chat:send', { body: 'one more thing' })).error.code, 'gone');
  } finally {
    await w.close();
  }
});

test('rating: stored, so it is still there after a restart; without a comment there is none', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-rating-'));
  let t = await startTestServer({}, dataDir);
  try {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'alice', undefined, 'Alice Agent');
    const token = await t.login('alice');
    const { socket } = await connectFor(t.url, '/agent', { token }, 'chats:open');
    const joined = await t.api('POST', '/api/queue', { body: { name: 'Ada' } });
    const started = await t.api('POST', '/api/chat/start', { token: joined.body.queueToken });
    assert.equal(started.status, 200);
    const rated = nextEvent(socket, 'chat:rated');
    assert.equal((await t.api('POST', `/api/chats/${started.body.chatId}/end`, { token })).status, 204);
    const res = await rate(t, started.body.userToken, { score: 2, comment: '   ' });
    assert.equal(res.status, 201);
    assert.equal('comment' in res.body.rating, false);
    assert.deepEqual(await rated, { chatId: started.body.chatId, score: 2 });
    socket.close();
    await t.close();

    t = await startTestServer({}, dataDir);
    const again = await t.login('root');
    const detail = await t.api('GET', `/api/chats/${started.body.chatId}`, { token: again });
    assert.deepEqual(detail.body.rating, res.body.rating);
    assertError(await rate(t, started.body.userToken, { score: 5 }), 409, 'conflict');
  } finally {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('rating: bad input is a 400, any token but the chat user token a 401', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const queued = await w.join('Lin');
    await emitAck(v.socket!, 'chat:end', {});
    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: '5' },
      { score: null },
      {},
      { comment: 'no score' },
      { score: 3, comment: 'c'.repeat(1001) },
      { score: 3, comment: 42 },
      [5],
      'five',
    ]) {
      assertError(await rate(w.t, v.userToken, body), 400, 'invalid_request');
    }
    assertError(await rate(w.t, undefined, { score: 3 }), 401, 'unauthorized');
    assertError(await rate(w.t, 'not-a-token', { score: 3 }), 401, 'unauthorized');
    assertError(await rate(w.t, queued.queueToken, { score: 3 }), 401, 'unauthorized');
    assertError(await rate(w.t, alice.token, { score: 3 }), 401, 'unauthorized');
    // Nothing was stored by the refusals: the limit itself is accepted once.
    const ok = await rate(w.t, v.userToken, { score: 3, comment: 'c'.repeat(1000) });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  } finally {
    await w.close();
  }
});

test('rating: chat:rated goes to the agent who held the chat last, and only to it', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const bob = await w.agentOnline('bob');
    assert.deepEqual(await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'bob' }), { ok: true });
    const ended = nextEvent(v.socket!, 'chat:ended');
    assert.deepEqual(await emitAck(bob.socket, 'chat:end', { chatId: v.chatId }), { ok: true });
    await ended;
    const seenByAlice: unknown[] = [];
    alice.socket.on('chat:rated', (p) => seenByAlice.push(p));
    const rated = nextEvent(bob.socket, 'chat:rated');
    assert.equal((await rate(w.t, v.userToken, { score: 5 })).status, 201);
    assert.deepEqual(await rated, { chatId: v.chatId, score: 5 });
    await sleep(200);
    assert.deepEqual(seenByAlice, []);

    // A chat that went back to the queue and ended there: the last agent who held it hears it.
    const v2 = await w.startAndConnect(await w.join('Ada'));
    const aliceHas = (await w.t.api('GET', '/api/chats', { token: alice.token })).body.chats.length === 1;
    const holder = aliceHas ? 'alice' : 'bob';
    const other = holder === 'alice' ? bob : alice;
    const self = holder === 'alice' ? alice : bob;
    await emitAck(v2.socket!, 'chat:send', { body: 'Are you there?' });
    const offline = { token: other.token, body: { status: 'offline' } };
    assert.equal((await w.t.api('PUT', '/api/me/status', offline)).status, 200);
    const queued = eventually(v2.socket!, 'chat:queued');
    assert.equal((await w.t.api('POST', '/api/logout', { token: self.token })).status, 204);
    await queued;
    assert.deepEqual(await emitAck(v2.socket!, 'chat:end', {}), { ok: true });
    // Its socket was closed by the logout: it reconnects with a new token to hear it.
    const token = await w.t.login(self.username);
    const { socket } = await connectFor(w.t.url, '/agent', { token }, 'chats:open');
    w.track(socket);
    const heard = nextEvent(socket, 'chat:rated');
    assert.equal((await rate(w.t, v2.userToken, { score: 1, comment: 'Nobody came back' })).status, 201);
    assert.deepEqual(await heard, { chatId: v2.chatId, score: 1, comment: 'Nobody came back' });
  } finally {
    await w.close();
  }
});
