import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { startWorld } from '../helpers/chat.js';
import { sleep } from '../helpers/staff.js';
import { collect, emitAck, nextEvent } from '../helpers/sockets.js';

/** Every `chat:typing` the socket receives, with the time since `t0`. */
function typingLog(socket: Socket, t0 = Date.now()) {
  const seen: { at: number; payload: any }[] = [];
  socket.on('chat:typing', (payload) => seen.push({ at: Date.now() - t0, payload }));
  return seen;
}

test('typing: each side hears the other; the agent without draft by default, the visitor with the agent name', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));

    const toAgent = nextEvent(alice.socket, 'chat:typing');
    assert.deepEqual(await emitAck(v.socket!, 'chat:typing', { typing: true, draft: 'my order is' }), { ok: true });
    assert.deepEqual(await toAgent, { chatId: v.chatId, typing: true });

    const toVisitor = nextEvent(v.socket!, 'chat:typing');
    // Without an ack (volatile, as the page sends it).
    alice.socket.emit('chat:typing', { chatId: v.chatId, typing: true });
    assert.deepEqual(await toVisitor, { typing: true, name: 'Alice Agent' });

    await sleep(1100);
    const stopped = nextEvent(alice.socket, 'chat:typing');
    v.socket!.emit('chat:typing', { typing: false });
    assert.deepEqual(await stopped, { chatId: v.chatId, typing: false });
    const agentStopped = nextEvent(v.socket!, 'chat:typing');
    alice.socket.emit('chat:typing', { chatId: v.chatId, typing: false });
    assert.deepEqual(await agentStopped, { typing: false, name: 'Alice Agent' });
  } finally {
    await w.close();
  }
});

test('typing: at most 2 a second per chat and side; the final typing:false still arrives', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const seen = typingLog(alice.socket);
    // A burst in one go: 12 × typing, then stopped.
    for (let i = 0; i < 12; i++) v.socket!.emit('chat:typing', { typing: true });
    v.socket!.emit('chat:typing', { typing: false });
    await nextEvent(alice.socket, 'chat:typing', 5000, (p) => p.typing === false);
    await sleep(1200);
    const events = seen.map((s) => s.payload.typing);
    assert.deepEqual(events, [true, true, false], JSON.stringify(seen));
    // The false waited for room: it came about a second after the first.
    assert.ok(seen[2]!.at - seen[0]!.at >= 900, JSON.stringify(seen));
  } finally {
    await w.close();
  }
});

test('typing: a typing:true not refreshed within 6 s counts as stopped for the receiver', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const t0 = Date.now();
    const seen = typingLog(v.socket!, t0);
    alice.socket.emit('chat:typing', { chatId: v.chatId, typing: true });
    await sleep(3000);
    alice.socket.emit('chat:typing', { chatId: v.chatId, typing: true });
    const stale = await nextEvent(v.socket!, 'chat:typing', 8000, (p) => p.typing === false);
    assert.deepEqual(stale, { typing: false, name: 'Alice Agent' });
    const at = seen.at(-1)!.at;
    assert.ok(at >= 8800 && at < 13_000, `stopped after ${at} ms (the refresh at 3 s + 6 s)`);
  } finally {
    await w.close();
  }
});

test('typing: with --typing-preview the agent gets the draft, its last 200 characters', async () => {
  const w = await startWorld(['alice'], { typingPreview: true });
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const first = nextEvent(alice.socket, 'chat:typing');
    v.socket!.emit('chat:typing', { typing: true, draft: 'Where is my' });
    assert.deepEqual(await first, { chatId: v.chatId, typing: true, draft: 'Where is my' });
    const long = `${'x'.repeat(300)}${'y'.repeat(200)}`;
    const second = nextEvent(alice.socket, 'chat:typing');
    v.socket!.emit('chat:typing', { typing: true, draft: long });
    assert.deepEqual(await second, { chatId: v.chatId, typing: true, draft: 'y'.repeat(200) });
    // No draft with typing:false.
    await sleep(1000);
    const third = nextEvent(alice.socket, 'chat:typing');
    v.socket!.emit('chat:typing', { typing: false, draft: 'sent' });
    assert.deepEqual(await third, { chatId: v.chatId, typing: false });
    const tooLong = await emitAck(v.socket!, 'chat:typing', { typing: true, draft: 'z'.repeat(4001) });
    assert.equal(tooLong.error.code, 'invalid_request');
  } finally {
    await w.close();
  }
});

test('typing: only the chat current agent and visitor; bad payloads acked with an error or ignored', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const v1 = await w.startAndConnect(await w.join('Grace'));
    const bob = await w.agentOnline('bob');
    const v2 = await w.startAndConnect(await w.join('Ada'));
    const mine = (await w.t.api('GET', '/api/chats', { token: bob.token })).body.chats.map((c: any) => c.chatId);
    assert.deepEqual(mine, [v2.chatId], 'Ada went to Bob (least loaded)');
    const aliceSeen = collect(alice.socket, 'chat:typing');
    const bobSeen = collect(bob.socket, 'chat:typing');
    const v1Seen = collect(v1.socket!, 'chat:typing');
    const v2Seen = collect(v2.socket!, 'chat:typing');

    // Another agent's chat: forbidden, and nobody hears it.
    const notHis = await emitAck(bob.socket, 'chat:typing', { chatId: v1.chatId, typing: true });
    assert.equal(notHis.error.code, 'forbidden');
    for (const bad of [{}, { typing: 'yes' }, { chatId: v1.chatId }, { chatId: 5, typing: true }, null]) {
      assert.equal((await emitAck(alice.socket, 'chat:typing', bad)).error.code, 'invalid_request');
    }
    for (const bad of [{}, { typing: 1 }, { typing: true, draft: 7 }]) {
      assert.equal((await emitAck(v1.socket!, 'chat:typing', bad)).error.code, 'invalid_request');
      v1.socket!.emit('chat:typing', bad); // without an ack: ignored
    }
    v2.socket!.emit('chat:typing', { typing: true });
    await sleep(400);
    assert.deepEqual(aliceSeen, []);
    assert.deepEqual(v1Seen, []);
    assert.deepEqual(bobSeen, [{ chatId: v2.chatId, typing: true }]);
    assert.deepEqual(v2Seen, []);
    assert.ok(v1.socket!.connected && alice.socket.connected, 'bad payloads close nothing');

    // After a transfer, the visitor's typing goes to the new agent only.
    assert.deepEqual(await emitAck(alice.socket, 'chat:transfer', { chatId: v1.chatId, to: 'bob' }), { ok: true });
    const toBob = nextEvent(bob.socket, 'chat:typing', 3000, (p) => p.chatId === v1.chatId);
    v1.socket!.emit('chat:typing', { typing: true });
    assert.deepEqual(await toBob, { chatId: v1.chatId, typing: true });
    assert.equal(
      (await emitAck(alice.socket, 'chat:typing', { chatId: v1.chatId, typing: true })).error.code,
      'forbidden',
    );

    // An ended chat: gone for its visitor.
    await emitAck(v2.socket!, 'chat:end', {});
    assert.equal((await emitAck(v2.socket!, 'chat:typing', { typing: true })).error.code, 'gone');
    await sleep(200);
    assert.deepEqual(aliceSeen, []);
  } finally {
    await w.close();
  }
});
