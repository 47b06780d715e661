import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { rooms } from '../../server/app/events.js';
import { AppError } from '../../server/protocol/errors.js';
import { createDesk, sentTo, type Desk } from './harness.js';

// The chat use cases against the one-node store, with a fake clock: no network, no timers.

const rejectsWith = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code, `expected ${code}`);

async function withDesk(settings: Parameters<typeof createDesk>[0], fn: (d: Desk) => Promise<void>) {
  const desk = await createDesk(settings);
  try {
    await fn(desk);
  } finally {
    await desk.close();
  }
}

test('a retried send after the chat ended answers the stored message (duplicate), and a new one is gone', () =>
  withDesk({}, async (d) => {
    await d.agent('alice');
    const { chatId } = await (await d.visitor('Grace')).start();
    const visitor = { role: 'visitor' as const, chatId };
    const first = await d.engine.sendMessage(visitor, chatId, 'Hello?', 'key-1');
    assert.equal(first.value.duplicate, undefined);
    await d.engine.endChat(visitor, chatId);

    const retry = await d.engine.sendMessage(visitor, chatId, 'Hello?', 'key-1');
    assert.equal(retry.value.duplicate, true);
    assert.deepEqual(retry.value.message, first.value.message);
    assert.deepEqual(retry.events, [], 'delivered nothing twice');
    await rejectsWith(d.engine.sendMessage(visitor, chatId, 'Hello again', 'key-2'), 'gone');
    await rejectsWith(d.engine.sendMessage(visitor, chatId, 'No key'), 'gone');
    // Another chat's visitor never learns of it.
    await rejectsWith(
      d.engine.sendMessage({ role: 'visitor', chatId: 'other' }, chatId, 'Hello?', 'key-1'),
      'forbidden',
    );
  }));

test('an agent retrying after transferring the chat away gets its message; another sender cannot reuse its key', () =>
  withDesk({}, async (d) => {
    await d.agent('alice');
    await d.agent('bob');
    const { chatId } = await (await d.visitor('Grace')).start();
    const holder = (await d.engine.openChatsOf('alice')) ? 'alice' : 'bob';
    const other = holder === 'alice' ? 'bob' : 'alice';
    const actor = { role: 'agent' as const, username: holder, name: `Agent ${holder}` };
    const sent = await d.engine.sendMessage(actor, chatId, 'One moment', 'k');
    await d.engine.transferChat(actor, chatId, other);
    const retry = await d.engine.sendMessage(actor, chatId, 'One moment', 'k');
    assert.deepEqual(retry.value, { message: sent.value.message, duplicate: true });
    const thief = { role: 'agent' as const, username: other, name: `Agent ${other}` };
    await rejectsWith(d.engine.sendMessage(thief, chatId, 'Hi, I take over', 'k'), 'conflict');
    const own = await d.engine.sendMessage(thief, chatId, 'Hi, I take over', 'k2');
    assert.equal(own.value.message.seq, sent.value.message.seq + 2, 'after the transfer note');
  }));

const refusedTransfers =
  'transfers are refused to nobody, to oneself, to agents offline or not connected, and to agents at their limit';
test(refusedTransfers, () =>
  withDesk({}, async (d) => {
    await d.agent('alice');
    const { chatId } = await (await d.visitor('Grace')).start();
    await d.agent('away', { connected: false });
    await d.agent('off', { status: 'offline' });
    await d.agent('full', { maxChats: 0 });
    const alice = { role: 'agent' as const, username: 'alice', name: 'Agent alice' };
    await rejectsWith(d.engine.transferChat(alice, chatId, 'nobody'), 'not_found');
    await rejectsWith(d.engine.transferChat(alice, chatId, 'alice'), 'conflict');
    await rejectsWith(d.engine.transferChat(alice, chatId, 'away'), 'conflict');
    await rejectsWith(d.engine.transferChat(alice, chatId, 'off'), 'conflict');
    await rejectsWith(d.engine.transferChat(alice, chatId, 'full'), 'conflict');
    await rejectsWith(d.engine.transferChat({ ...alice, username: 'bob' }, chatId, 'alice'), 'forbidden');
    assert.equal(await d.engine.openChatsOf('alice'), 1, 'refused transfers change nothing');

    await d.agent('bob');
    const { events } = await d.engine.transferChat(alice, chatId, ' BOB ');
    assert.deepEqual(sentTo(events, rooms.agent('alice')), [['chat:removed', { chatId, reason: 'transferred' }]]);
    const [[event, assigned]] = sentTo(events, rooms.agent('bob')) as [
      [string, { reason: string; transcript: { body: string }[] }],
    ];
    assert.equal(event, 'chat:assigned');
    assert.equal(assigned.reason, 'transfer');
    assert.deepEqual(
      assigned.transcript.map((m) => m.body),
      ['Agent alice transferred the chat to Agent bob.'],
    );
    assert.deepEqual(
      sentTo(events, rooms.chat(chatId)).map(([e]) => e),
      ['chat:message', 'chat:agent'],
    );
    assert.equal(await d.engine.openChatsOf('bob'), 1);
  }),
);

const requeuedAtFront =
  'requeued chats wait at the front in the order they were requeued, ahead of fresh visitors, ' +
  'and go to the next free agent';
test(requeuedAtFront, () =>
  withDesk({ maxChats: 2 }, async (d) => {
    await d.agent('alice');
    const first = await (await d.visitor('First')).start();
    d.clock.now += 10;
    const second = await (await d.visitor('Second')).start();
    const fresh = await d.visitor('Fresh');
    await d.deps.store.updateAccount('alice', { status: 'offline' }); // as a logout does
    const events = await d.engine.requeueChatsOf('alice');
    assert.deepEqual(
      events.filter((e) => 'event' in e && e.event === 'chat:queued').map((e) => [e.room, 'payload' in e && e.payload]),
      [
        [rooms.chat(first.chatId), { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null }],
        [rooms.chat(second.chatId), { ahead: 1, agentsOnline: 0, estimatedWaitSeconds: null }],
      ],
    );
    assert.deepEqual((await d.engine.queueStatus(fresh.queueToken)).ahead, 2);
    await rejectsWith(fresh.start(), 'not_your_turn');

    // Bob has room for one: he gets the first requeued chat with its transcript and a note.
    await d.agent('bob', { maxChats: 1 });
    const assigned = sentTo(d.published, rooms.agent('bob')).filter(([e]) => e === 'chat:assigned') as [
      string,
      { chatId: string; reason: string; transcript: { body: string }[] },
    ][];
    assert.deepEqual(
      assigned.map(([, p]) => [p.chatId, p.reason]),
      [[first.chatId, 'requeue']],
    );
    assert.deepEqual(
      assigned[0]![1].transcript.map((m) => m.body),
      ['Agent alice is no longer available. You are back at the front of the queue.', 'Agent bob joined the chat.'],
    );
    assert.equal((await d.engine.queueStatus(fresh.queueToken)).ahead, 1);
    const history = await d.engine.historyPayload(second.chatId);
    assert.deepEqual([history.status, history.ahead, history.agent], ['queued', 0, null]);
  }),
);

test('an agent away past the grace period loses its chats; one back in time keeps them', () =>
  withDesk({ agentGrace: 30 }, async (d) => {
    await d.agent('alice');
    await d.agent('bob', { maxChats: 0 });
    const { chatId } = await (await d.visitor('Grace')).start();
    d.engine.agentSocketClosed('alice', 'socket-alice');
    await d.settle();
    await d.advance(29_000);
    assert.equal(await d.engine.openChatsOf('alice'), 1, 'within the grace period');
    await d.engine.agentSocketOpened('alice', 'socket-alice-2');
    await d.advance(60_000);
    assert.equal(await d.engine.openChatsOf('alice'), 1, 'back in time');

    d.engine.agentSocketClosed('alice', 'socket-alice-2');
    await d.settle();
    await d.advance(30_001);
    assert.equal(await d.engine.openChatsOf('alice'), 0, 'gone past the grace period');
    assert.equal((await d.engine.historyPayload(chatId)).status, 'queued');
    assert.ok(sentTo(d.published, rooms.agent('alice')).some(([e]) => e === 'chat:removed'));
  }));

const abandonment =
  'visitors who stop polling leave the queue after --abandon-after; ' +
  'a /queue connection or a requeued chat keeps its place';
test(abandonment, () =>
  withDesk({ abandonAfter: 60 }, async (d) => {
    const silent = await d.visitor('Silent');
    const polling = await d.visitor('Polling');
    const connected = await d.visitor('Connected');
    d.engine.queueSocket(connected.entryId, 1);
    await d.advance(40_000);
    await d.engine.queueStatus(polling.queueToken);
    await d.advance(21_000);
    await rejectsWith(d.engine.queueStatus(silent.queueToken), 'unauthorized');
    assert.deepEqual(await d.engine.queueStatus(polling.queueToken), {
      ahead: 0,
      agentsOnline: 0,
      estimatedWaitSeconds: null,
    });
    assert.equal((await d.engine.queueStatus(connected.queueToken)).ahead, 1);
    d.engine.queueSocket(connected.entryId, -1);
    await d.advance(61_000);
    await rejectsWith(d.engine.queueStatus(connected.queueToken), 'unauthorized');
    await rejectsWith(d.engine.queueStatus(polling.queueToken), 'unauthorized');
    assert.equal(await d.engine.waiting(), 0);
  }),
);

const capacity =
  'capacity: nobody past maxChats; an end hands out the room it frees (queue:turn); raising maxChats dispatches';
test(capacity, () =>
  withDesk({ maxChats: 1 }, async (d) => {
    await d.agent('alice');
    const one = await (await d.visitor('One')).start();
    const two = await d.visitor('Two');
    await rejectsWith(two.start(), 'no_agent_available');
    assert.equal((await d.engine.queueStatus(two.queueToken)).agentsOnline, 1);
    const { events } = await d.engine.endChat({ role: 'agent', username: 'alice', name: 'Agent alice' }, one.chatId);
    assert.deepEqual(sentTo(events, rooms.queueEntry(two.entryId)), [['queue:turn', { ahead: 0 }]]);
    assert.deepEqual((await two.start()).agent, { name: 'Agent alice' });
    // Starting again with the same token answers the same chat.
    const again = await two.start();
    assert.deepEqual(again.events, []);

    const three = await d.visitor('Three');
    await rejectsWith(three.start(), 'no_agent_available');
    await d.deps.store.updateAccount('alice', { maxChats: 2 });
    const turn = await d.engine.dispatch();
    assert.deepEqual(sentTo(turn, rooms.queueEntry(three.entryId)), [['queue:turn', { ahead: 0 }]]);
  }),
);

test('a transaction whose commit fails changes nothing: memory is rebuilt from what is stored', () =>
  withDesk({}, async (d) => {
    await d.agent('alice');
    const grace = await d.visitor('Grace');
    // A chat row already holds the id the start will use: the insert fails at commit.
    const taken = 'taken-id';
    await d.stores.chats.routing(async (tx) => {
      await tx.insertChat({
        id: taken,
        visitorName: 'Old',
        agentUsername: null,
        agentName: null,
        status: 'ended',
        startedAt: 0,
        endedAt: 1,
        endedBy: 'system',
        lastSeq: 0,
        queueEntryId: 'old-entry',
      });
    });
    const realNewId = d.deps.newId;
    d.deps.newId = () => taken;
    await assert.rejects(grace.start(), /UNIQUE|constraint/);
    d.deps.newId = realNewId;
    assert.equal(await d.engine.openChatsOf('alice'), 0, 'the failed start is not counted');
    assert.equal((await d.engine.queueStatus(grace.queueToken)).ahead, 0, 'the visitor is still at the front');
    const started = await grace.start();
    assert.equal(await d.engine.openChatsOf('alice'), 1);
    const sent = await d.engine.sendMessage({ role: 'visitor', chatId: started.chatId }, started.chatId, 'Hi');
    assert.equal(sent.value.message.seq, 1);
  }));

test('after a restart, agents holding chats get the whole grace period to come back', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-restart-'));
  try {
    const before = await createDesk({ agentGrace: 30 }, { dataDir });
    await before.agent('alice');
    const { chatId } = await (await before.visitor('Grace')).start();
    await before.close();

    const after = await createDesk({ agentGrace: 30 }, { dataDir });
    try {
      assert.equal(await after.engine.openChatsOf('alice'), 1, 'the open chat is back');
      await after.advance(29_000);
      assert.equal(await after.engine.openChatsOf('alice'), 1, 'within the grace period, counted from the restart');
      await after.advance(1_001);
      assert.equal(await after.engine.openChatsOf('alice'), 0);
      assert.equal((await after.engine.historyPayload(chatId)).status, 'queued');
    } finally {
      await after.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a chat without a visitor connection for --visitor-grace ends by "system", with a note', () =>
  withDesk({ visitorGrace: 300, idleCloseAfter: 0 }, async (d) => {
    await d.agent('alice', { maxChats: 2 });
    const kept = await (await d.visitor('Kept')).start();
    const left = await (await d.visitor('Left')).start();
    d.engine.visitorSocket(kept.chatId, 1);
    await d.advance(299_000);
    assert.equal(await d.engine.openChatsOf('alice'), 2);
    await d.advance(2_000);
    assert.equal(await d.engine.openChatsOf('alice'), 1, 'the chat without a visitor connection ended');
    const history = await d.engine.historyPayload(left.chatId);
    assert.equal(history.status, 'ended');
    assert.deepEqual(history.transcript.at(-1)?.body, 'The chat was closed: the visitor left.');
    assert.deepEqual(sentTo(d.published, rooms.agent('alice')).at(-1), [
      'chat:ended',
      { chatId: left.chatId, by: 'system' },
    ]);
    // The kept chat's visitor leaves: its grace period starts then.
    d.engine.visitorSocket(kept.chatId, -1);
    await d.advance(299_000);
    assert.equal(await d.engine.openChatsOf('alice'), 1);
    await d.advance(2_000);
    assert.equal(await d.engine.openChatsOf('alice'), 0);
  }));

test('an active chat without a message for --idle-close-after ends by "system"; every message restarts the clock', () =>
  withDesk({ idleCloseAfter: 600 }, async (d) => {
    await d.agent('alice');
    const { chatId } = await (await d.visitor('Grace')).start();
    d.engine.visitorSocket(chatId, 1);
    await d.advance(500_000);
    await d.engine.sendMessage({ role: 'visitor', chatId }, chatId, 'Still there?');
    await d.advance(500_000);
    assert.equal((await d.engine.historyPayload(chatId)).status, 'active');
    await d.advance(101_000);
    const history = await d.engine.historyPayload(chatId);
    assert.equal(history.status, 'ended');
    assert.equal(history.transcript.at(-1)?.body, 'The chat was closed after 10 minutes without messages.');
  }));

test("the visitor hears its agent's connection drop and come back; the agent hears the visitor go", () =>
  withDesk({}, async (d) => {
    await d.agent('alice');
    const { chatId } = await (await d.visitor('Grace')).start();
    d.engine.visitorSocket(chatId, 1);
    const seen = () => sentTo(d.published, rooms.chat(chatId)).filter(([e]) => e === 'chat:agent-connection');
    d.engine.agentSocketClosed('alice', 'socket-alice');
    await d.settle();
    assert.deepEqual(seen().at(-1), ['chat:agent-connection', { connected: false }]);
    assert.equal((await d.engine.historyPayload(chatId)).agentConnected, false);
    await d.engine.agentSocketOpened('alice', 'socket-alice-2');
    await d.settle();
    assert.deepEqual(seen().at(-1), ['chat:agent-connection', { connected: true }]);
    assert.equal((await d.engine.historyPayload(chatId)).agentConnected, true);

    const presence = () => sentTo(d.published, rooms.agent('alice')).filter(([e]) => e === 'chat:presence');
    // A reload (gone and back within moments) says nothing; a real absence says away, then here.
    d.engine.visitorSocket(chatId, -1);
    d.engine.visitorSocket(chatId, 1);
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(presence(), []);
    d.engine.visitorSocket(chatId, -1);
    await new Promise((r) => setTimeout(r, 40));
    await d.settle();
    assert.deepEqual(presence(), [['chat:presence', { chatId, visitor: 'away' }]]);
    d.engine.visitorSocket(chatId, 1);
    await d.settle();
    assert.deepEqual(presence().at(-1), ['chat:presence', { chatId, visitor: 'here' }]);
  }));
