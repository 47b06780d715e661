import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { api, clusterSkip, login, startSharedBackends, type SharedBackends } from '../helpers/cluster.js';
import { collect, connectFor, emitAck, nextEvent } from '../helpers/sockets.js';

// --reassign-after across two real nodes (from dist/: `npm run build` first) on one PostgreSQL and
// one Redis: both nodes sweep, the chat moves once, and never back to the agent on the other node.

let backends: SharedBackends | undefined;
const sockets: Socket[] = [];

before(async () => {
  if (!clusterSkip) backends = await startSharedBackends();
});
after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await backends?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const once =
  'two nodes sweeping: an unanswered chat moves once (one note), and never back to the agent who let it wait';
test(once, { skip: clusterSkip }, async () => {
  const c = await backends!.cluster();
  const flags = ['--redis-url', backends!.redisUrl, '--reassign-after', '1'];
  const n1 = await c.node(flags);
  const n2 = await c.node(flags);
  const root = await login(n1.url, 'root');
  await c.addAgents(root, ['alice', 'bob']);
  const aliceToken = await login(n1.url, 'alice');
  const alice = await connectFor(n1.url, '/agent', { token: aliceToken }, 'chats:open');
  sockets.push(alice.socket);

  const joined = await api(n1.url, 'POST', '/api/queue', { body: { name: 'Vera' } });
  const started = await api(n1.url, 'POST', '/api/chat/start', { token: joined.body.queueToken });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const { chatId, userToken } = started.body;
  const bobToken = await login(n2.url, 'bob');
  const bob = await connectFor(n2.url, '/agent', { token: bobToken }, 'chats:open');
  sockets.push(bob.socket);
  const toBob = collect(bob.socket, 'chat:assigned');
  const toAlice = collect(alice.socket, 'chat:assigned');
  const removedFromAlice = collect(alice.socket, 'chat:removed');

  const vera = await connectFor(n1.url, '/visitor', { token: userToken }, 'chat:history', 10_000);
  sockets.push(vera.socket);
  const moved = nextEvent(bob.socket, 'chat:assigned', 10_000);
  await emitAck(vera.socket, 'chat:send', { body: 'Hello?' });
  assert.equal((await moved).reason, 'reassigned');

  // Bob (on node 2) lets it wait too; Alice (node 1) has room, but it never goes back to her.
  await emitAck(vera.socket, 'chat:send', { body: 'Anyone?' });
  await sleep(3000);
  assert.equal(toBob.length, 1);
  assert.equal(toAlice.length, 0);
  assert.deepEqual(removedFromAlice, [{ chatId, reason: 'reassigned' }]);
  const notes = await c.sql<{ n: number }>(
    "SELECT count(*)::int AS n FROM messages WHERE chat_id = $1 AND from_role = 'system'",
    [chatId],
  );
  assert.equal(notes[0]!.n, 1);
  const passed = await c.sql<{ username: string }>('SELECT username FROM chat_passed_over WHERE chat_id = $1', [
    chatId,
  ]);
  assert.deepEqual(
    passed.map((r) => r.username),
    ['alice'],
  );
  assert.equal((await api(n1.url, 'GET', `/api/chats/${chatId}`, { token: bobToken })).status, 200);
});
