import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { collect, connect, connectFor, emitAck } from '../helpers/sockets.js';

const noForeignChats =
  "nobody reaches someone else's chat: other agents get forbidden, tokens of the wrong kind are refused";
test(noForeignChats, async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const bob = await w.agentOnline('bob');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const heidi = await w.startAndConnect(await w.join('Heidi'));
    const [graceAgent, heidiAgent] = [grace.history.agent.name, heidi.history.agent.name];
    assert.notEqual(graceAgent, heidiAgent);
    const [owner, other] = graceAgent === 'Alice Agent' ? [alice, bob] : [bob, alice];

    const seenByOwner = collect(owner.socket, 'chat:message');
    for (const [event, payload] of [
      ['chat:send', { chatId: grace.chatId, body: 'not mine' }],
      ['chat:end', { chatId: grace.chatId }],
      ['chat:transfer', { chatId: grace.chatId, to: other.username }],
    ] as const) {
      const res = await emitAck(other.socket, event, payload);
      assert.equal(res.ok, false, event);
      assert.equal(res.error.code, 'forbidden', event);
    }
    const unknown = await emitAck(other.socket, 'chat:send', { chatId: 'no-such-chat', body: 'hi' });
    assert.equal(unknown.error.code, 'not_found');

    // A visitor's socket is bound to its own chat: a chatId in the payload changes nothing.
    const sent = await emitAck(heidi.socket!, 'chat:send', { chatId: grace.chatId, body: 'from Heidi' });
    assert.equal(sent.ok, true);
    assert.equal(sent.message.chatId, heidi.chatId);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(!seenByOwner.some((m: any) => m.chatId === grace.chatId), "nothing reached Grace's chat");

    // Tokens of the wrong kind are refused at connect.
    await assert.rejects(connect(w.t.url, '/agent', { token: grace.userToken }), /unauthorized/);
    await assert.rejects(connect(w.t.url, '/visitor', { token: alice.token }), /unauthorized/);
    await assert.rejects(connect(w.t.url, '/visitor', { token: grace.queueToken }), /unauthorized/);
    await assert.rejects(connect(w.t.url, '/visitor', {}), /unauthorized/);
    assert.equal((await w.t.api('POST', '/api/chat/start', { token: grace.userToken })).status, 401);
  } finally {
    await w.close();
  }
});

const messageRateLimit =
  '3 messages per second per sender: the 4th is rate_limited and neither stored nor delivered; ' +
  'bad bodies are invalid_request';
test(messageRateLimit, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const atAgent = collect(alice.socket, 'chat:message');
    // With idempotency keys: a refused send must fail cleanly too (no stray rejection).
    const acks = await Promise.all(
      [1, 2, 3, 4].map((i) => emitAck(grace.socket!, 'chat:send', { body: `m${i}`, clientMsgId: `k${i}` })),
    );
    assert.deepEqual(
      acks.map((a) => a.ok),
      [true, true, true, false],
    );
    assert.equal(acks[3].error.code, 'rate_limited');
    assert.ok(acks[3].error.retryAfter >= 1, 'the socket error says when to retry');
    // The agent is a different sender and is not limited by the visitor's burst.
    assert.equal((await emitAck(alice.socket, 'chat:send', { chatId: grace.chatId, body: 'hello' })).ok, true);

    for (const body of ['', '   ', 'x'.repeat(4001), 12, null]) {
      const res = await emitAck(alice.socket, 'chat:send', { chatId: grace.chatId, body });
      assert.equal(res.ok, false);
      assert.equal(res.error.code, 'invalid_request', JSON.stringify(body));
    }
    assert.equal((await emitAck(alice.socket, 'chat:send', 'junk')).error.code, 'invalid_request');
    assert.equal(
      (await emitAck(alice.socket, 'chat:transfer', { chatId: grace.chatId })).error.code,
      'invalid_request',
    );
    const max = await emitAck(alice.socket, 'chat:send', { chatId: grace.chatId, body: 'y'.repeat(4000) });
    assert.equal(max.ok, true);

    await new Promise((r) => setTimeout(r, 200));
    const again = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
    w.track(again.socket);
    const stored = again.payload.transcript.map((m: any) => m.body);
    const ackedBodies = acks.filter((a) => a.ok).map((a) => a.message.body);
    assert.deepEqual(stored, [...ackedBodies, 'hello', 'y'.repeat(4000)], 'the refused message was not stored');
    const deliveredFromVisitor = atAgent.filter((m: any) => m.from.role === 'visitor').map((m: any) => m.body);
    assert.deepEqual(deliveredFromVisitor, ackedBodies, 'the refused message was not delivered');
    assert.deepEqual(
      again.payload.transcript.map((m: any) => m.seq),
      [1, 2, 3, 4, 5],
    );
  } finally {
    await w.close();
  }
});

test('the agent ends a chat: both sides are told, the visitor can still read the history but not write', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    await emitAck(grace.socket!, 'chat:send', { body: 'thanks, bye' });
    const endedV = new Promise((r) => grace.socket!.once('chat:ended', r));
    assert.deepEqual(await emitAck(alice.socket, 'chat:end', { chatId: grace.chatId }), { ok: true });
    assert.deepEqual(await endedV, { chatId: grace.chatId, by: 'agent' });
    assert.equal((await w.t.api('GET', '/api/me', { token: alice.token })).body.openChats, 0);
    const later = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
    w.track(later.socket);
    assert.equal(later.payload.status, 'ended');
    assert.deepEqual(
      later.payload.transcript.map((m: any) => m.body),
      ['thanks, bye'],
    );
    assert.equal((await emitAck(later.socket, 'chat:send', { body: 'hello?' })).error.code, 'gone');
    assert.equal(
      (await emitAck(alice.socket, 'chat:send', { chatId: grace.chatId, body: 'x' })).error.code,
      'forbidden',
    );
  } finally {
    await w.close();
  }
});
