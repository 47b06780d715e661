import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { connectFor, emitAck, nextEvent } from '../helpers/sockets.js';

const availability =
  'availability and the wait estimate: null without agents, 0 with room, then from slots and recent chats';
test(availability, async () => {
  const w = await startWorld(['alice']);
  try {
    const first = await w.t.api('GET', '/api/availability');
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { open: true, agentsOnline: 0, waiting: 0, estimatedWaitSeconds: null });

    const join = (name: string, address: string) =>
      w.t.api('POST', '/api/queue', { body: { name }, headers: { 'x-forwarded-for': address } });
    const ada = await join('Ada', '10.9.0.1');
    assert.equal(ada.status, 201);
    assert.equal(ada.body.estimatedWaitSeconds, null, 'no agent online: no estimate');
    const adaV = { name: 'Ada', queueToken: ada.body.queueToken as string };
    assert.equal((await w.status(adaV)).body.estimatedWaitSeconds, null);
    assert.deepEqual((await w.t.api('GET', '/api/availability')).body, {
      open: true,
      agentsOnline: 0,
      waiting: 1,
      estimatedWaitSeconds: null,
    });

    const patch = await w.t.api('PATCH', '/api/admin/agents/alice', { token: w.adminToken, body: { maxChats: 1 } });
    assert.equal(patch.status, 200);
    const alice = await w.agentOnline('alice');
    assert.deepEqual((await w.status(adaV)).body, { ahead: 0, agentsOnline: 1, estimatedWaitSeconds: 0 });
    // Someone joining now waits behind Ada for Alice's only slot: one chat of 300 s (no chat ended yet).
    assert.equal((await w.t.api('GET', '/api/availability')).body.estimatedWaitSeconds, 300);

    // Ada's chat lasts 60 s: the typical duration is (60 + 2 × 300) / 3 = 220 s (300 s fills in for two more).
    const early = await w.startAndConnect(adaV);
    assert.equal((await emitAck(alice.socket, 'chat:end', { chatId: early.chatId })).ok, true);
    await w.t.sql('UPDATE chats SET started_at = ended_at - 60000 WHERE ended_at IS NOT NULL');

    const busy = await w.startAndConnect(await w.join('Busy'));
    // Alice's only slot is taken: the next visitor waits for one chat to end.
    const nextJoin = await join('Next', '10.9.1.1');
    assert.equal(nextJoin.body.estimatedWaitSeconds, 220);
    const next = { name: 'Next', queueToken: nextJoin.body.queueToken as string };
    assert.deepEqual((await w.status(next)).body, { ahead: 0, agentsOnline: 1, estimatedWaitSeconds: 220 });
    assert.deepEqual((await w.t.api('GET', '/api/availability')).body, {
      open: true,
      agentsOnline: 1,
      waiting: 1,
      estimatedWaitSeconds: 440,
    });

    // Alice logs out: her chat goes back to the queue, and its visitor hears there is no estimate.
    const queued = nextEvent(busy.socket!, 'chat:queued');
    assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
    assert.deepEqual(await queued, { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null });
    assert.equal((await w.status(next)).body.estimatedWaitSeconds, null);
    // A reconnecting visitor finds it in chat:history too.
    const again = await connectFor(w.t.url, '/visitor', { token: busy.userToken }, 'chat:history');
    w.track(again.socket);
    assert.deepEqual(
      [again.payload.status, again.payload.ahead, again.payload.estimatedWaitSeconds],
      ['queued', 0, null],
    );
  } finally {
    await w.close();
  }
});
