import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { emitAck, nextEvent } from '../helpers/sockets.js';

const chatFlow =
  'a visitor joins, waits, starts a chat with the online agent, and both talk with stored, numbered messages';
test(chatFlow, async () => {
  const w = await startWorld(['alice']);
  try {
    const v = await w.join('Grace');
    let status = await w.status(v);
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null });
    assert.equal((await w.start(v)).body.error.code, 'no_agent_available');

    const alice = await w.agentOnline('alice');
    assert.deepEqual(alice.open, { chats: [] });
    status = await w.status(v);
    assert.deepEqual(status.body, { ahead: 0, agentsOnline: 1, estimatedWaitSeconds: 0 });

    const assigned = nextEvent(alice.socket, 'chat:assigned');
    const started = await w.startAndConnect(v);
    assert.equal((await assigned).reason, 'new');
    assert.equal((await assigned).visitor.name, 'Grace');
    assert.equal(started.history.chatId, v.chatId);
    assert.deepEqual(started.history.agent, { name: 'Alice Agent' });

    const atAgent = nextEvent(alice.socket, 'chat:message');
    const ack = await emitAck(v.socket!, 'chat:send', { body: 'Hello, my order is late' });
    assert.equal(ack.ok, true);
    assert.equal(ack.message.seq, 1);
    assert.deepEqual(ack.message.from, { role: 'visitor', name: 'Grace' });
    assert.deepEqual(ack.message.to, { role: 'agent', name: 'Alice Agent', username: 'alice' });
    assert.deepEqual(await atAgent, ack.message);

    const atVisitor = nextEvent(v.socket!, 'chat:message');
    const reply = await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'Sorry! Let me check.' });
    assert.equal(reply.ok, true);
    assert.equal(reply.message.seq, 2);
    assert.deepEqual(reply.message.from, { role: 'agent', name: 'Alice Agent', username: 'alice' });
    assert.deepEqual(reply.message.to, { role: 'visitor', name: 'Grace' });
    assert.deepEqual(await atVisitor, reply.message);

    const me = await w.t.api('GET', '/api/me', { token: alice.token });
    assert.equal(me.body.openChats, 1);

    const endedForAgent = nextEvent(alice.socket, 'chat:ended');
    const endedForVisitor = nextEvent(v.socket!, 'chat:ended');
    assert.deepEqual(await emitAck(v.socket!, 'chat:end', {}), { ok: true });
    assert.deepEqual(await endedForAgent, { chatId: v.chatId, by: 'visitor' });
    assert.equal((await endedForVisitor).by, 'visitor');
    const after = await emitAck(v.socket!, 'chat:send', { body: 'still there?' });
    assert.equal(after.ok, false);
    assert.equal(after.error.code, 'gone');
  } finally {
    await w.close();
  }
});
