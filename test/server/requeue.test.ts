import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, type World } from '../helpers/chat.js';
import { connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

/** Alice holds Grace's chat (with two messages); a fresh visitor waits behind. */
async function aliceWithChat(w: World) {
  const alice = await w.agentOnline('alice');
  const grace = await w.startAndConnect(await w.join('Grace'));
  await emitAck(grace.socket!, 'chat:send', { body: 'first' });
  await emitAck(alice.socket, 'chat:send', { chatId: grace.chatId, body: 'second' });
  return { alice, grace };
}

async function expectRequeuedToBob(
  w: World,
  grace: Awaited<ReturnType<typeof aliceWithChat>>['grace'],
  trigger: () => Promise<unknown>,
) {
  const queued = nextEvent(grace.socket!, 'chat:queued', 5000);
  await trigger();
  assert.deepEqual(
    await queued,
    { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null },
    'nobody else can take it yet',
  );
  // A fresh visitor who joined earlier than the requeue still waits behind the requeued chat.
  const fresh = await w.join('Fresh');
  assert.equal((await w.status(fresh)).body.ahead, 1);

  const bob = await w.agentOnline('bob');
  const assigned = await eventually(bob.socket, 'chat:assigned', (p: any) => p.chatId === grace.chatId);
  assert.equal(assigned.reason, 'requeue');
  assert.deepEqual(
    assigned.transcript.filter((m: any) => m.from.role !== 'system').map((m: any) => m.body),
    ['first', 'second'],
  );
  assert.equal((await w.status(fresh)).body.ahead, 0);
  // Grace's history on reconnect names Bob.
  const again = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
  w.track(again.socket);
  assert.deepEqual(again.payload.agent, { name: 'Bob Agent' });
  const bodies = again.payload.transcript.map((m: any) => m.body);
  assert.equal(bodies[0], 'first');
  assert.match(bodies.at(-1), /Bob Agent joined/);
  return bob;
}

const logoutRequeues =
  "logout sends the agent's chats to the front of the queue; the next free agent gets them automatically";
test(logoutRequeues, async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const { alice, grace } = await aliceWithChat(w);
    const removed = nextEvent(alice.socket, 'chat:removed');
    await expectRequeuedToBob(w, grace, async () => {
      assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
      assert.deepEqual(await removed, { chatId: grace.chatId, reason: 'requeued' });
    });
  } finally {
    await w.close();
  }
});

test('deleting an agent requeues its chats', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const { grace } = await aliceWithChat(w);
    await expectRequeuedToBob(w, grace, async () => {
      assert.equal((await w.t.api('DELETE', '/api/admin/agents/alice', { token: w.adminToken })).status, 204);
    });
  } finally {
    await w.close();
  }
});

test('an agent gone past the grace period loses its chats; one back in time keeps them', async () => {
  const w = await startWorld(['alice', 'bob'], { agentGrace: 1 });
  try {
    const { alice, grace } = await aliceWithChat(w);
    // A short drop within the grace period changes nothing: chats:open restores the chat.
    alice.socket.close();
    await new Promise((r) => setTimeout(r, 300));
    const back = await connectFor(w.t.url, '/agent', { token: alice.token }, 'chats:open');
    w.track(back.socket);
    assert.deepEqual(
      back.payload.chats.map((c: any) => c.chatId),
      [grace.chatId],
    );
    assert.deepEqual(
      back.payload.chats[0].transcript.map((m: any) => m.body),
      ['first', 'second'],
    );
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal((await w.t.api('GET', '/api/me', { token: alice.token })).body.openChats, 1);

    await expectRequeuedToBob(w, grace, async () => back.socket.close());
  } finally {
    await w.close();
  }
});

test('a requeued chat waits at the front while nobody has room, and the visitor can still write', async () => {
  const w = await startWorld(['alice']);
  try {
    const { alice, grace } = await aliceWithChat(w);
    const queued = nextEvent(grace.socket!, 'chat:queued');
    await w.t.api('POST', '/api/logout', { token: alice.token });
    await queued;
    const sent = await emitAck(grace.socket!, 'chat:send', { body: 'anyone?' });
    assert.equal(sent.ok, true);
    assert.equal(sent.message.to, undefined);
    const alice2 = await w.agentOnline('alice');
    const assigned = await eventually(alice2.socket, 'chat:assigned', (p: any) => p.chatId === grace.chatId);
    assert.equal(assigned.reason, 'requeue');
    assert.ok(assigned.transcript.some((m: any) => m.body === 'anyone?'));
  } finally {
    await w.close();
  }
});
