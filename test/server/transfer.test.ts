import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { connectFor, emitAck, nextEvent } from '../helpers/sockets.js';

const transferTranscript =
  'transfer: the target gets the whole transcript, the visitor sees the new agent, the old agent loses the chat';
test(transferTranscript, async () => {
  const w = await startWorld(['alice', 'bob', 'carol']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    await emitAck(v.socket!, 'chat:send', { body: 'I need a refund' });
    await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'Bob handles refunds' });

    // Errors first: unknown agent, itself, offline agent.
    const unknown = await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'nobody' });
    assert.equal(unknown.error.code, 'not_found');
    const self = await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'alice' });
    assert.equal(self.error.code, 'conflict');
    const offline = await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'carol' });
    assert.equal(offline.error.code, 'conflict');

    const bob = await w.agentOnline('bob');
    const assigned = nextEvent(bob.socket, 'chat:assigned');
    const removed = nextEvent(alice.socket, 'chat:removed');
    const newAgent = nextEvent(v.socket!, 'chat:agent');
    const note = nextEvent(v.socket!, 'chat:message');
    assert.deepEqual(await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'bob' }), { ok: true });

    const a = await assigned;
    assert.equal(a.reason, 'transfer');
    assert.equal(a.chatId, v.chatId);
    assert.deepEqual(
      a.transcript.map((m: any) => m.body),
      ['I need a refund', 'Bob handles refunds', 'Alice Agent transferred the chat to Bob Agent.'],
    );
    assert.deepEqual(
      a.transcript.map((m: any) => m.seq),
      [1, 2, 3],
    );
    assert.equal(a.transcript[2].from.role, 'system');
    assert.deepEqual(await removed, { chatId: v.chatId, reason: 'transferred' });
    assert.deepEqual(await newAgent, { name: 'Bob Agent' });
    assert.equal((await note).body, 'Alice Agent transferred the chat to Bob Agent.');

    // Alice can no longer act on it; Bob can, and the visitor's messages now go to Bob.
    assert.equal(
      (await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'hello?' })).error.code,
      'forbidden',
    );
    const toBob = nextEvent(bob.socket, 'chat:message');
    const sent = await emitAck(v.socket!, 'chat:send', { body: 'Hi Bob' });
    assert.deepEqual(sent.message.to, { role: 'agent', name: 'Bob Agent', username: 'bob' });
    assert.equal((await toBob).body, 'Hi Bob');
    assert.equal((await w.t.api('GET', '/api/me', { token: alice.token })).body.openChats, 0);
    assert.equal((await w.t.api('GET', '/api/me', { token: bob.token })).body.openChats, 1);
  } finally {
    await w.close();
  }
});

test("transfer respects the target's maxChats (409 conflict)", async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    await w.t.api('PATCH', '/api/admin/agents/bob', { token: w.adminToken, body: { maxChats: 1 } });
    const alice = await w.agentOnline('alice');
    const bob = await w.agentOnline('bob');
    const v1 = await w.startAndConnect(await w.join('One'));
    const v2 = await w.startAndConnect(await w.join('Two'));
    // One went to alice, two to bob (least loaded); bob is now full.
    const aliceChat = [v1, v2].find((v) => v.history.agent.name === 'Alice Agent')!;
    const res = await emitAck(alice.socket, 'chat:transfer', { chatId: aliceChat.chatId, to: 'bob' });
    assert.equal(res.ok, false);
    assert.equal(res.error.code, 'conflict');
    assert.match(res.error.message, /limit/);
    void bob;
  } finally {
    await w.close();
  }
});

test('an agent can be transferred to as soon as its connection has chats:open', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const bobToken = await w.t.login('bob');
    for (let round = 0; round < 5; round++) {
      // A fresh connection each round: the transfer is asked for right after its snapshot arrives.
      const bob = await connectFor(w.t.url, '/agent', { token: bobToken }, 'chats:open');
      const assigned = nextEvent(bob.socket, 'chat:assigned');
      assert.deepEqual(await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'bob' }), { ok: true });
      assert.equal((await assigned).chatId, v.chatId);
      assert.deepEqual(await emitAck(bob.socket, 'chat:transfer', { chatId: v.chatId, to: 'alice' }), { ok: true });
      bob.socket.close();
    }
  } finally {
    await w.close();
  }
});
