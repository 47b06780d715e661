import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWorld } from '../helpers/chat.js';
import { connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

// Chats that end on their own (contract v2, "Chat lifecycle settings"), and who is there.

test('the agent hears the visitor go and come back; a visitor gone for --visitor-grace ends the chat', async () => {
  const w = await startWorld(['alice'], { visitorGrace: 2 });
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const away = eventually(alice.socket, 'chat:presence', (p: any) => p.visitor === 'away', 8000);
    grace.socket!.close();
    assert.deepEqual(await away, { chatId: grace.chatId, visitor: 'away' });
    const here = nextEvent(alice.socket, 'chat:presence');
    const back = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
    w.track(back.socket);
    assert.deepEqual(await here, { chatId: grace.chatId, visitor: 'here' });

    const ended = eventually(alice.socket, 'chat:ended', () => true, 10_000);
    const note = eventually(alice.socket, 'chat:message', (m: any) => m.from.role === 'system', 10_000);
    back.socket.close();
    assert.deepEqual(await ended, { chatId: grace.chatId, by: 'system' });
    assert.equal((await note).body, 'The chat was closed: the visitor left.');
    const me = await w.t.api('GET', '/api/me', { token: alice.token });
    assert.equal(me.body.openChats, 0, 'the slot is free again');
  } finally {
    await w.close();
  }
});

test('a chat without a message for --idle-close-after ends by "system"; both sides are told', async () => {
  const w = await startWorld(['alice'], { idleCloseAfter: 2 });
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const ended = nextEvent(grace.socket!, 'chat:ended', 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await emitAck(grace.socket!, 'chat:send', { body: 'hello?' })).ok, true);
    const sentAt = Date.now();
    assert.deepEqual(await ended, { chatId: grace.chatId, by: 'system' });
    assert.ok(Date.now() - sentAt >= 1900, 'the message restarted the clock');
    const agentSide = await w.t.api('GET', '/api/chats', { token: alice.token });
    assert.deepEqual(agentSide.body.chats, []);
  } finally {
    await w.close();
  }
});

test("the visitor is told when its agent's last connection drops, and when it is back", async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    assert.equal(grace.history.agentConnected, true);
    const dropped = nextEvent(grace.socket!, 'chat:agent-connection');
    alice.socket.close();
    assert.deepEqual(await dropped, { connected: false });
    const reload = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
    w.track(reload.socket);
    assert.equal(reload.payload.agentConnected, false, 'a reload shows it too');
    const back = nextEvent(grace.socket!, 'chat:agent-connection');
    w.track((await connectFor(w.t.url, '/agent', { token: alice.token }, 'chats:open')).socket);
    assert.deepEqual(await back, { connected: true });
  } finally {
    await w.close();
  }
});
