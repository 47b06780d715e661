import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { api, clusterSkip, login, startSharedBackends, type Cluster, type SharedBackends } from '../helpers/cluster.js';
import type { ServerProcess } from '../helpers/process-server.js';
import { connect, connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';
import { sleep } from '../helpers/staff.js';

// Three real `switchboard serve` processes (from dist/: `npm run build` first) on one PostgreSQL
// database and one Redis: the queue, routing, presence and grace period are shared, so a visitor,
// its agent and the node that makes a decision can all be different processes.

let backends: SharedBackends | undefined;
const sockets: Socket[] = [];
const track = <T extends { socket: Socket }>(c: T) => {
  sockets.push(c.socket);
  return c;
};

before(async () => {
  if (!clusterSkip) backends = await startSharedBackends();
});
after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await backends?.close();
});

/**
 * Flags every node of these tests gets: shared Redis, visitors from many (pretend) addresses, limits
 * out of the way.
 */
const nodeFlags = () => [
  '--redis-url',
  backends!.redisUrl,
  '--trust-proxy',
  '--queue-joins-per-minute',
  '100000',
  '--messages-per-second',
  '1000',
  '--agent-grace',
  '2',
];

async function threeNodes(
  extra: string[] = [],
): Promise<[Cluster, ServerProcess, ServerProcess, ServerProcess, string]> {
  const c = await backends!.cluster();
  const flags = [...nodeFlags(), ...extra];
  const nodes = [await c.node(flags), await c.node(flags), await c.node(flags)] as const;
  return [c, ...nodes, await login(nodes[0].url, 'root')];
}

let addresses = 0;
async function join(node: ServerProcess, name: string): Promise<string> {
  const n = ++addresses;
  const res = await api(node.url, 'POST', '/api/queue', {
    body: { name },
    headers: { 'x-forwarded-for': `10.9.${n >> 8}.${n & 255}` },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.queueToken;
}

/** Logs the agent in on `node` and opens its /agent socket there. */
async function agentOn(node: ServerProcess, username: string) {
  const token = await login(node.url, username);
  const { socket } = track(await connectFor(node.url, '/agent', { token }, 'chats:open'));
  return { token, socket };
}

async function startOn(node: ServerProcess, queueToken: string) {
  const res = await api(node.url, 'POST', '/api/chat/start', { token: queueToken });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { userToken: string; chatId: string; agent: { name: string } };
}

const visitorOn = async (node: ServerProcess, userToken: string, since?: number) =>
  track(
    await connectFor(node.url, '/visitor', { token: userToken, ...(since ? { since } : {}) }, 'chat:history', 5000),
  );

const acrossNodes =
  'a visitor on node 1 chats with an agent on node 2, is transferred to an agent on node 3, ' +
  'and a logout on node 1 requeues';
test(acrossNodes, {
  skip: clusterSkip,
}, async () => {
  const [c, n1, n2, n3, root] = await threeNodes();
  const metrics = await api(n2.url, 'GET', '/api/admin/metrics', { token: root });
  assert.equal(metrics.body.nodes, 3, 'each node sees the three live nodes');
  await c.addAgents(root, ['alice', 'bob']);
  const alice = await agentOn(n2, 'alice');

  const queueToken = await join(n1, 'Vera');
  const status = await api(n3.url, 'GET', '/api/queue/status', { token: queueToken });
  assert.deepEqual(
    status.body,
    { ahead: 0, agentsOnline: 1, estimatedWaitSeconds: 0 },
    'node 3 sees the queue entry of node 1 and the agent of node 2',
  );
  const assigned = nextEvent(alice.socket, 'chat:assigned');
  const started = await startOn(n1, queueToken);
  assert.equal(started.agent.name, 'Agent alice');
  assert.equal((await assigned).chatId, started.chatId);

  const vera = await visitorOn(n1, started.userToken);
  const atAlice = nextEvent(alice.socket, 'chat:message');
  const sent = await emitAck(vera.socket, 'chat:send', { body: 'Hello from node 1' });
  assert.equal(sent.ok, true);
  assert.equal(sent.message.seq, 1);
  assert.equal((await atAlice).body, 'Hello from node 1');
  const atVera = nextEvent(vera.socket, 'chat:message');
  const reply = await emitAck(alice.socket, 'chat:send', { chatId: started.chatId, body: 'Hi from node 2' });
  assert.equal(reply.message.seq, 2);
  assert.equal((await atVera).body, 'Hi from node 2');

  const bob = await agentOn(n3, 'bob');
  const toBob = nextEvent(bob.socket, 'chat:assigned');
  const removed = nextEvent(alice.socket, 'chat:removed');
  const newAgent = nextEvent(vera.socket, 'chat:agent');
  assert.equal((await emitAck(alice.socket, 'chat:transfer', { chatId: started.chatId, to: 'bob' })).ok, true);
  const handed = await toBob;
  assert.equal(handed.reason, 'transfer');
  assert.deepEqual(
    handed.transcript.map((m: any) => m.body).slice(0, 2),
    ['Hello from node 1', 'Hi from node 2'],
    'the transcript travels to node 3',
  );
  assert.deepEqual(await removed, { chatId: started.chatId, reason: 'transferred' });
  assert.equal((await newAgent).name, 'Agent bob');

  // Bob logs out through node 1: his socket on node 3 closes and the chat goes back to Alice on node 2.
  const back = nextEvent(alice.socket, 'chat:assigned', 5000);
  const queued = eventually(vera.socket, 'chat:queued');
  assert.equal((await api(n1.url, 'POST', '/api/logout', { token: bob.token })).status, 204);
  assert.equal((await queued).ahead, 0);
  const again = await back;
  assert.equal(again.chatId, started.chatId);
  assert.equal(again.reason, 'requeue');
  assert.ok(again.transcript.some((m: any) => m.body === 'Hello from node 1'));
  assert.equal((await eventually(vera.socket, 'chat:agent', (p: any) => p.name === 'Agent alice')).name, 'Agent alice');
  const seqs = (
    await c.sql<{ seq: number }>('SELECT seq FROM messages WHERE chat_id = $1 ORDER BY seq', [started.chatId])
  ).map((r) => r.seq);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => i + 1),
    'one numbering across three nodes: no gap, no duplicate',
  );
});

const concurrentJoins =
  '500 concurrent joins and starts spread over three nodes: first come first served, no chat twice, ' +
  'nobody over maxChats';
test(concurrentJoins, {
  skip: clusterSkip,
}, async () => {
  const [c, ...rest] = await threeNodes();
  const nodes = rest.slice(0, 3) as ServerProcess[];
  const root = rest[3] as string;
  const agents = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
  const MAX = 10;
  await c.addAgents(root, agents, MAX);
  const assignedTo = new Map<string, string[]>();
  for (const [i, a] of agents.entries()) {
    const { socket } = await agentOn(nodes[i % 3]!, a);
    const seen: string[] = [];
    socket.on('chat:assigned', (p: any) => seen.push(p.chatId));
    assignedTo.set(a, seen);
  }

  const tokens = await Promise.all(Array.from({ length: 500 }, (_, i) => join(nodes[i % 3]!, `Visitor ${i}`)));
  const order = (await c.sql<{ id: string }>('SELECT id FROM queue_entries ORDER BY front DESC, position')).map(
    (r) => r.id,
  );
  assert.equal(order.length, 500);
  const entryOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).jti as string;

  // Everyone asks to start at once, on rotating nodes; then, like the web page, each waits on its
  // /queue connection for queue:turn (or retries after a second) and asks again.
  let full = false;
  let release: () => void = () => {};
  const allDone = new Promise<void>((r) => (release = r));
  const started = new Map<string, string>(); // entry id → chat id
  await Promise.all(
    tokens.map(async (token, i) => {
      const { socket } = track({ socket: await connect(nodes[(i + 1) % 3]!.url, '/queue', { token }) });
      for (let attempt = 0; !full; attempt++) {
        const turn = new Promise<void>((r) => socket.once('queue:turn', () => r()));
        const res = await api(nodes[(i + attempt) % 3]!.url, 'POST', '/api/chat/start', { token });
        if (res.status === 200) return void started.set(entryOf(token), res.body.chatId);
        const code = res.body.error.code;
        if (code === 'no_agent_available') {
          full = true;
          return release();
        }
        assert.equal(code, 'not_your_turn', JSON.stringify(res.body));
        await Promise.race([turn, sleep(1000 + Math.random() * 500), allDone]);
      }
    }),
  );

  const capacity = agents.length * MAX;
  assert.equal(started.size, capacity, 'every place an agent had was filled, and no more');
  assert.deepEqual(
    [...started.keys()].sort(),
    order.slice(0, capacity).sort(),
    'exactly the first ones to join got a chat',
  );
  assert.equal(new Set(started.values()).size, capacity, 'no chat was handed out twice');
  const loads = await c.sql<{ agent_username: string; n: number }>(
    `SELECT agent_username, count(*)::int AS n FROM chats WHERE status = 'active' GROUP BY agent_username`,
  );
  assert.equal(loads.length, agents.length);
  for (const l of loads) assert.equal(l.n, MAX, `${l.agent_username} holds exactly its maxChats`);
  await sleep(300); // the last chat:assigned events in flight
  const seenByAgents = [...assignedTo.values()].flat();
  assert.equal(seenByAgents.length, capacity, 'each chat reached exactly one agent');
  assert.deepEqual(new Set(seenByAgents), new Set(started.values()));
  for (const [a, seen] of assignedTo) assert.ok(seen.length <= MAX, `${a} was told of ${seen.length} chats`);
  assert.equal((await c.sql('SELECT id FROM queue_entries')).length, 500 - capacity, 'the others still wait');

  // Two agents log out at once on two nodes: their 20 chats go back to the front of the queue. Then
  // the other four get room for 5 more each, raised at once on three nodes: every node dispatches
  // at the same moment, and still no requeued chat goes to two agents or past anyone's new limit.
  const before = new Map([...assignedTo].map(([a, seen]) => [a, seen.length]));
  const tokensOf = new Map(
    await Promise.all(agents.map(async (a, i) => [a, await login(nodes[i % 3]!.url, a)] as const)),
  );
  await Promise.all(['a1', 'a2'].map((a, i) => api(nodes[i]!.url, 'POST', '/api/logout', { token: tokensOf.get(a)! })));
  const requeued = await c.sql<{ id: string }>('SELECT id FROM queue_entries WHERE front');
  assert.equal(requeued.length, 2 * MAX);
  const raised = await Promise.all(
    ['a3', 'a4', 'a5', 'a6'].map((a, i) =>
      api(nodes[i % 3]!.url, 'PATCH', `/api/admin/agents/${a}`, { token: root, body: { maxChats: MAX + 5 } }),
    ),
  );
  for (const r of raised) assert.equal(r.status, 200, JSON.stringify(r.body));
  const deadline = Date.now() + 20_000;
  while ((await c.sql('SELECT id FROM queue_entries WHERE front')).length > 0 && Date.now() < deadline)
    await sleep(100);
  await sleep(300);
  const after = await c.sql<{ agent_username: string; n: number }>(
    `SELECT agent_username, count(*)::int AS n FROM chats WHERE status = 'active' GROUP BY agent_username ORDER BY 1`,
  );
  assert.deepEqual(
    after,
    ['a3', 'a4', 'a5', 'a6'].map((a) => ({ agent_username: a, n: MAX + 5 })),
    'every requeued chat placed, each agent exactly at its new limit',
  );
  const handedOver = ['a3', 'a4', 'a5', 'a6'].flatMap((a) => assignedTo.get(a)!.slice(before.get(a)));
  assert.equal(handedOver.length, 2 * MAX, 'each requeued chat reached exactly one agent');
  assert.deepEqual(new Set(handedOver), new Set(requeued.map((r) => r.id)));
});

const killANode =
  'kill -9 of a node: no acknowledged message is lost, its clients carry on elsewhere, ' +
  "its agents' chats are requeued by the survivors";
test(killANode, {
  skip: clusterSkip,
}, async () => {
  const [c, n1, n2, n3, root] = await threeNodes();
  await c.addAgents(root, ['carol', 'gina', 'dave', 'erin']);
  // Who serves whom is decided by load: each new visitor goes to the agent who has none yet.
  const carol = await agentOn(n3, 'carol');
  const v = await startOn(n3, await join(n3, 'Vic'));
  assert.equal(v.agent.name, 'Agent carol');
  const gina = await agentOn(n3, 'gina');
  const x = await startOn(n1, await join(n1, 'Xena'));
  assert.equal(x.agent.name, 'Agent gina');
  const dave = await agentOn(n1, 'dave');
  const w = await startOn(n3, await join(n3, 'Walt'));
  assert.equal(w.agent.name, 'Agent dave');
  const erin = await agentOn(n2, 'erin');
  const vic = await visitorOn(n3, v.userToken);
  const walt = await visitorOn(n3, w.userToken);
  const xena = await visitorOn(n1, x.userToken);
  void carol;

  // Vic sends a burst to node 3, which dies in the middle of it.
  const acked = new Map<string, number>();
  const burst = Array.from({ length: 60 }, (_, i) => `k${i}`);
  const sending = burst.map((k, i) =>
    sleep(i * 5).then(() =>
      emitAck(vic.socket, 'chat:send', { body: `burst ${k}`, clientMsgId: k }, 2000).then(
        (a) => a.ok && acked.set(k, a.message.seq),
        () => undefined,
      ),
    ),
  );
  await sleep(120);
  await n3.kill9();
  await Promise.all(sending);
  assert.ok(acked.size > 0, 'some messages were acknowledged before the kill');

  // Visitors reconnect to other nodes with what they last saw; Gina reconnects to node 2 in time.
  const vicAgain = await visitorOn(n1, v.userToken, Math.max(0, ...acked.values()));
  const waltAgain = await visitorOn(n2, w.userToken);
  assert.equal(waltAgain.payload.agent.name, 'Agent dave');
  const ginaAgain = track(await connectFor(n2.url, '/agent', { token: gina.token }, 'chats:open', 5000));
  assert.deepEqual(
    ginaAgain.payload.chats.map((ch: any) => ch.chatId),
    [x.chatId],
    'Gina keeps her chat',
  );
  // Unacknowledged messages are sent again with the same keys, now to node 1: each is stored once.
  for (const k of burst.filter((k) => !acked.has(k))) {
    const a = await emitAck(vicAgain.socket, 'chat:send', { body: `burst ${k}`, clientMsgId: k });
    assert.equal(a.ok, true, JSON.stringify(a));
  }
  const stored = await c.sql<{ client_msg_id: string; seq: number }>(
    'SELECT client_msg_id, seq FROM messages WHERE chat_id = $1 AND client_msg_id IS NOT NULL',
    [v.chatId],
  );
  assert.equal(stored.length, burst.length, 'every message stored exactly once');
  for (const [k, seq] of acked)
    assert.equal(stored.find((s) => s.client_msg_id === k)?.seq, seq, `acknowledged ${k} kept its number`);

  // The clients of the dead node carry on through the others.
  const atDave = nextEvent(dave.socket, 'chat:message');
  assert.equal((await emitAck(waltAgain.socket, 'chat:send', { body: 'Still there?' })).ok, true);
  assert.equal((await atDave).body, 'Still there?');
  const atGina = nextEvent(ginaAgain.socket, 'chat:message');
  assert.equal((await emitAck(xena.socket, 'chat:send', { body: 'Hello again' })).ok, true);
  assert.equal((await atGina).body, 'Hello again');
  void walt;

  // Carol never comes back: once node 3's heartbeat is stale and her grace period is over, a
  // surviving node requeues her chat and hands it to Erin, the agent with room.
  const toErin = await nextEvent(erin.socket, 'chat:assigned', 20_000);
  assert.equal(toErin.chatId, v.chatId);
  assert.equal(toErin.reason, 'requeue');
  for (const k of burst)
    assert.ok(
      toErin.transcript.some((m: any) => m.body === `burst ${k}`),
      `Erin sees burst ${k}`,
    );
  assert.equal(
    (await eventually(vicAgain.socket, 'chat:agent', (p: any) => p.name === 'Agent erin', 5000)).name,
    'Agent erin',
  );
  const loads = await c.sql<{ agent_username: string }>(
    `SELECT agent_username FROM chats WHERE status = 'active' ORDER BY agent_username`,
  );
  assert.deepEqual(
    loads.map((l) => l.agent_username),
    ['dave', 'erin', 'gina'],
    'Gina and Dave keep theirs; Carol holds nothing',
  );
});

const abandonmentAcrossNodes =
  'abandonment across nodes: polls on any node keep a place, a /queue connection on another node too; silence loses it';
test(abandonmentAcrossNodes, {
  skip: clusterSkip,
}, async () => {
  const [, n1, n2, n3] = await threeNodes(['--abandon-after', '2']);
  const polled = await join(n1, 'Polly');
  const connected = await join(n2, 'Queenie');
  const silent = await join(n3, 'Sid');
  const { socket } = track({ socket: await connect(n3.url, '/queue', { token: connected }) });
  // Polly polls nodes 2 and 3 in turn for twice the abandonment time; Queenie only holds her
  // connection to node 3 (her entry was made on node 2); Sid does nothing after joining on node 3.
  for (let i = 0; i < 10; i++) {
    const res = await api([n2, n3][i % 2]!.url, 'GET', '/api/queue/status', { token: polled });
    assert.equal(res.status, 200, `poll ${i}: ${JSON.stringify(res.body)}`);
    await sleep(400);
  }
  assert.equal(
    (await api(n1.url, 'GET', '/api/queue/status', { token: connected })).body.ahead,
    1,
    'Queenie kept her place behind Polly',
  );
  assert.equal(
    (await api(n1.url, 'GET', '/api/queue/status', { token: silent })).status,
    401,
    'Sid was dropped by one of the nodes',
  );
  // Once Queenie's connection closes, the clock runs for her too.
  socket.close();
  await sleep(3500);
  assert.equal((await api(n2.url, 'GET', '/api/queue/status', { token: connected })).status, 401);
});
