import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { startWorld } from '../helpers/chat.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { collect, connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The chat's agent, as the agent sees it: GET /api/chats/:id answers only the agent holding an open chat. */
const holds = async (w: Awaited<ReturnType<typeof startWorld>>, agent: { token: string }, chatId: string) =>
  (await w.t.api('GET', `/api/chats/${chatId}`, { token: agent.token })).status === 200;

const moves =
  '--reassign-after 1: an unanswered visitor message moves the chat on, never back to who let it wait; stays when nobody can take it';
test(moves, async () => {
  const w = await startWorld(['alice', 'bob', 'carol'], { reassignAfter: 1 });
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const bob = await w.agentOnline('bob');
    const toAlice = collect(alice.socket, 'chat:assigned');

    const assigned = nextEvent(bob.socket, 'chat:assigned', 5000);
    const removed = nextEvent(alice.socket, 'chat:removed', 5000);
    const newAgent = nextEvent(v.socket!, 'chat:agent', 5000);
    const note = nextEvent(v.socket!, 'chat:message', 5000, (m) => m.from.role === 'system');
    const sentAt = Date.now();
    await emitAck(v.socket!, 'chat:send', { body: 'Hello? Anyone?' });

    const a = await assigned;
    assert.ok(Date.now() - sentAt >= 1000, 'not before the second was up');
    assert.equal(a.reason, 'reassigned');
    assert.equal(a.chatId, v.chatId);
    assert.equal(a.visitor.name, 'Grace');
    const text = 'Alice Agent did not answer in 1 s; the chat moved to Bob Agent.';
    assert.deepEqual(
      a.transcript.map((m: any) => [m.seq, m.from.role, m.body]),
      [
        [1, 'visitor', 'Hello? Anyone?'],
        [2, 'system', text],
      ],
    );
    assert.deepEqual(await removed, { chatId: v.chatId, reason: 'reassigned' });
    assert.deepEqual(await newAgent, { name: 'Bob Agent' });
    assert.equal((await note).body, text);
    assert.equal((await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'me!' })).error.code, 'forbidden');
    const toBob = nextEvent(bob.socket, 'chat:message');
    assert.deepEqual((await emitAck(v.socket!, 'chat:send', { body: 'Bob?' })).message.to.username, 'bob');
    assert.equal((await toBob).body, 'Bob?');

    // Bob lets it wait too. Alice has room, but it never goes back to her: with nobody else, it stays.
    await sleep(2500);
    assert.equal(await holds(w, bob, v.chatId!), true);
    assert.equal(toAlice.length, 0);

    // Carol comes online: the next sweep moves it to her, with Bob's clock counted from his move.
    const carol = await w.agentOnline('carol');
    const toCarol = await eventually(carol.socket, 'chat:assigned', () => true, 5000);
    assert.equal(toCarol.reason, 'reassigned');
    assert.deepEqual(
      toCarol.transcript.filter((m: any) => m.from.role === 'system').map((m: any) => m.body),
      [text, 'Bob Agent did not answer in 1 s; the chat moved to Carol Agent.'],
    );
    assert.deepEqual(await eventually(bob.socket, 'chat:removed'), { chatId: v.chatId, reason: 'reassigned' });

    // Carol answers: the chat stays with her.
    await emitAck(carol.socket, 'chat:send', { chatId: v.chatId, body: 'Hi Grace, Carol here' });
    await sleep(2000);
    assert.equal(await holds(w, carol, v.chatId!), true);
    assert.equal(toAlice.length, 0);
    // The visitor's own view: the notes, the new agent's name.
    const again = await connectFor(w.t.url, '/visitor', { token: v.userToken }, 'chat:history');
    w.track(again.socket);
    assert.equal(again.payload.agent.name, 'Carol Agent');
  } finally {
    await w.close();
  }
});

const clock = 'the wait counts from the first visitor message after the last agent reply; an internal note is no reply';
test(clock, async () => {
  const w = await startWorld(['alice', 'bob'], { reassignAfter: 1 });
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const bob = await w.agentOnline('bob');
    const toBob = collect(bob.socket, 'chat:assigned');

    // Answered within the second, twice: it stays with Alice.
    await emitAck(v.socket!, 'chat:send', { body: 'one' });
    await sleep(300);
    await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'answer one' });
    await sleep(1500);
    await emitAck(v.socket!, 'chat:send', { body: 'two' });
    await sleep(300);
    await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'answer two' });
    await sleep(1500);
    assert.equal(toBob.length, 0);
    assert.equal(await holds(w, alice, v.chatId!), true);

    // A visitor message answered only by a note: it moves.
    await emitAck(v.socket!, 'chat:send', { body: 'three' });
    await emitAck(alice.socket, 'chat:note', { chatId: v.chatId, body: 'will answer later' });
    const moved = await eventually(bob.socket, 'chat:assigned', () => true, 5000);
    assert.equal(moved.reason, 'reassigned');
    assert.equal(moved.transcript.find((m: any) => m.internal).body, 'will answer later');
  } finally {
    await w.close();
  }
});

test('off by default; and with it on, a chat stays put when no other agent has room', async () => {
  const off = await startWorld(['alice', 'bob']);
  try {
    const alice = await off.agentOnline('alice');
    const v = await off.startAndConnect(await off.join('Grace'));
    const bob = await off.agentOnline('bob');
    const toBob = collect(bob.socket, 'chat:assigned');
    await emitAck(v.socket!, 'chat:send', { body: 'hello' });
    await sleep(2500);
    assert.equal(toBob.length, 0);
    assert.equal(await holds(off, alice, v.chatId!), true);
  } finally {
    await off.close();
  }

  const full = await startWorld(['alice', 'bob'], { reassignAfter: 1 });
  try {
    const alice = await full.agentOnline('alice');
    const v = await full.startAndConnect(await full.join('Grace'));
    await full.t.api('PATCH', '/api/admin/agents/bob', { token: full.adminToken, body: { maxChats: 0 } });
    const bob = await full.agentOnline('bob');
    const toBob = collect(bob.socket, 'chat:assigned');
    await emitAck(v.socket!, 'chat:send', { body: 'hello' });
    await sleep(2500);
    assert.equal(toBob.length, 0);
    assert.equal(await holds(full, alice, v.chatId!), true);
    // Room appears: the chat that waited moves at once.
    await full.t.api('PATCH', '/api/admin/agents/bob', { token: full.adminToken, body: { maxChats: 1 } });
    assert.equal((await eventually(bob.socket, 'chat:assigned', () => true, 5000)).reason, 'reassigned');
  } finally {
    await full.close();
  }
});

test('--reassign-after / SWITCHBOARD_REASSIGN_AFTER: default 0 (off), whole seconds up to a day, else refused', async () => {
  const { loadConfig, makeConfig } = await import('../../server/config.js');
  assert.equal(makeConfig({}).reassignAfter, 0);
  assert.equal(loadConfig({}, { SWITCHBOARD_REASSIGN_AFTER: '90' }).reassignAfter, 90);
  assert.equal(loadConfig({ reassignAfter: '30' }, { SWITCHBOARD_REASSIGN_AFTER: '90' }).reassignAfter, 30);
  for (const bad of ['-1', 'soon', '1.5', '86401']) {
    assert.throws(() => makeConfig({ reassignAfter: bad }), /--reassign-after \/ SWITCHBOARD_REASSIGN_AFTER/, bad);
  }
});

test('who let a chat wait is remembered in the store: after a restart the chat still never goes back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-reassign-'));
  const settings = { trustProxy: true, reassignAfter: 1 };
  const sockets: Socket[] = [];
  const online = async (t: TestServer, username: string) => {
    const token = await t.login(username);
    const { socket } = await connectFor(t.url, '/agent', { token }, 'chats:open');
    sockets.push(socket);
    return { token, socket };
  };
  let t = await startTestServer(settings, dir);
  try {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'alice', undefined, 'Alice Agent');
    await t.createAgent(admin, 'bob', undefined, 'Bob Agent');
    await online(t, 'alice');
    const joined = await t.api('POST', '/api/queue', { body: { name: 'Grace' } });
    const started = await t.api('POST', '/api/chat/start', { token: joined.body.queueToken });
    const { userToken, chatId } = started.body;
    const bob = await online(t, 'bob');
    const v = await connectFor(t.url, '/visitor', { token: userToken }, 'chat:history');
    sockets.push(v.socket);
    const moved = nextEvent(bob.socket, 'chat:assigned', 5000);
    await emitAck(v.socket, 'chat:send', { body: 'Hello?' });
    assert.equal((await moved).reason, 'reassigned');

    for (const s of sockets.splice(0)) s.close();
    await t.close();
    t = await startTestServer(settings, dir);
    const alice = await online(t, 'alice');
    const bobAgain = await online(t, 'bob');
    const toAlice = collect(alice.socket, 'chat:assigned');
    const again = await connectFor(t.url, '/visitor', { token: userToken }, 'chat:history');
    sockets.push(again.socket);
    assert.equal(again.payload.agent.name, 'Bob Agent');
    await emitAck(again.socket, 'chat:send', { body: 'Still there?' });
    await sleep(2500);
    assert.equal(toAlice.length, 0, 'never back to Alice, who let it wait before the restart');
    const held = await t.api('GET', `/api/chats/${chatId}`, { token: bobAgain.token });
    assert.equal(held.status, 200);
  } finally {
    for (const s of sockets) s.close();
    await t.close();
    await rm(dir, { recursive: true, force: true });
  }
});
