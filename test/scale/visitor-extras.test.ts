import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { api, clusterSkip, login, startSharedBackends, type SharedBackends } from '../helpers/cluster.js';
import { connectFor, emitAck, nextEvent } from '../helpers/sockets.js';

// Contract v2 across two real nodes (from dist/: `npm run build` first) on one PostgreSQL and one
// Redis: the visitor on node 1, its agent on node 2.

let backends: SharedBackends | undefined;
const sockets: Socket[] = [];

before(async () => {
  if (!clusterSkip) backends = await startSharedBackends();
});
after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await backends?.close();
});

const across =
  'visitor context, typing and rating across nodes: visitor on node 1, agent on node 2, both hear each other';
test(across, { skip: clusterSkip }, async () => {
  const c = await backends!.cluster();
  const flags = ['--redis-url', backends!.redisUrl, '--typing-preview'];
  const n1 = await c.node(flags);
  const n2 = await c.node(flags);
  const root = await login(n1.url, 'root');
  await c.addAgents(root, ['alice']);
  const token = await login(n2.url, 'alice');
  const alice = await connectFor(n2.url, '/agent', { token }, 'chats:open');
  sockets.push(alice.socket);

  const joined = await api(n1.url, 'POST', '/api/queue', {
    body: { name: 'Vera', email: 'vera@example.com', attributes: { plan: 'pro' } },
    headers: { 'accept-language': 'fr-CA,fr;q=0.8' },
  });
  assert.equal(joined.status, 201, JSON.stringify(joined.body));
  const assigned = nextEvent(alice.socket, 'chat:assigned', 10_000);
  const started = await api(n1.url, 'POST', '/api/chat/start', { token: joined.body.queueToken });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const { visitor } = await assigned;
  assert.deepEqual(
    [visitor.email, visitor.attributes, visitor.locale, visitor.visitorId, visitor.previousChats],
    ['vera@example.com', { plan: 'pro' }, 'fr-CA', joined.body.visitorId, 0],
  );

  const vera = await connectFor(n1.url, '/visitor', { token: started.body.userToken }, 'chat:history', 10_000);
  sockets.push(vera.socket);
  const typingAtAlice = nextEvent(alice.socket, 'chat:typing', 10_000);
  vera.socket.emit('chat:typing', { typing: true, draft: 'Bonjour' });
  assert.deepEqual(await typingAtAlice, { chatId: started.body.chatId, typing: true, draft: 'Bonjour' });
  const typingAtVera = nextEvent(vera.socket, 'chat:typing', 10_000);
  alice.socket.emit('chat:typing', { chatId: started.body.chatId, typing: true });
  assert.deepEqual(await typingAtVera, { typing: true, name: 'Agent alice' });

  assert.deepEqual(await emitAck(vera.socket, 'chat:end', {}), { ok: true });
  const rated = nextEvent(alice.socket, 'chat:rated', 10_000);
  const rating = await api(n1.url, 'POST', '/api/chat/rating', {
    token: started.body.userToken,
    body: { score: 5, comment: 'Merci' },
  });
  assert.equal(rating.status, 201, JSON.stringify(rating.body));
  assert.deepEqual(await rated, { chatId: started.body.chatId, score: 5, comment: 'Merci' });
  const detail = await api(n2.url, 'GET', `/api/chats/${started.body.chatId}`, { token });
  assert.deepEqual(detail.body.rating, rating.body.rating);
});
