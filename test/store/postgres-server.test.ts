import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorld, type World } from '../helpers/chat.js';
import { dropDatabase, postgresSkip, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startTestServer } from '../helpers/server.js';
import { connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

// Real server flows on PostgreSQL: with SWITCHBOARD_TEST_DATABASE_URL set, every test server gets a
// database of its own on the PostgreSQL started for this file (the rest of test/server can run so too).

const skip = postgresSkip;
let server: TestPostgres | undefined;
before(async () => {
  if (skip) return;
  server = await startTestPostgres();
  process.env.SWITCHBOARD_TEST_DATABASE_URL = server.url;
});
after(() => server?.stop());

async function world(agents: string[], fn: (w: World) => Promise<void>) {
  const w = await startWorld(agents);
  try {
    assert.match(w.t.databaseUrl ?? '', /^postgres:\/\/.*\/sb_test_[0-9a-f]+$/, 'the server runs on its own PostgreSQL database');
    await fn(w);
  } finally {
    await w.close();
  }
}

test('on PostgreSQL: an admin invites an agent, the agent registers once and logs in; logout revokes the token', { skip }, async () => {
  await world([], async (w) => {
    const inv = await w.t.api('POST', '/api/admin/invites', { token: w.adminToken, body: { username: 'alice', name: 'Alice A', email: 'alice@example.test' } });
    assert.equal(inv.status, 201);
    assert.equal((await w.t.api('POST', '/api/admin/invites', { token: w.adminToken, body: { username: 'alice', name: 'Other', email: 'o@example.test' } })).status, 409);
    const token = new URL(inv.body.registerUrl).hash.replace('#token=', '');
    assert.equal((await w.t.api('POST', '/api/register', { body: { token, password: 'correct horse battery' } })).status, 201);
    assert.equal((await w.t.api('POST', '/api/register', { body: { token, password: 'correct horse battery' } })).status, 410);
    const alice = await w.t.login('alice');
    const me = await w.t.api('GET', '/api/me', { token: alice });
    assert.deepEqual(me.body, { username: 'alice', name: 'Alice A', role: 'agent', status: 'online', maxChats: 5, openChats: 0 });
    assert.equal((await w.t.api('POST', '/api/logout', { token: alice })).status, 204);
    assert.equal((await w.t.api('GET', '/api/me', { token: alice })).status, 401);
    const agents = await w.t.api('GET', '/api/admin/agents', { token: w.adminToken });
    assert.deepEqual(agents.body.agents.map((a: any) => [a.username, a.status]), [['alice', 'offline'], ['root', 'online']]);
  });
});

test('on PostgreSQL: join → start → messages both ways → transfer → end', { skip }, async () => {
  await world(['alice', 'bob'], async (w) => {
    const alice = await w.agentOnline('alice');
    const bob = await w.agentOnline('bob');
    const v = await w.startAndConnect(await w.join('Grace'));
    const holder = v.history.agent.name === 'Alice Agent' ? alice : bob;
    const other = holder === alice ? bob : alice;
    const first = await emitAck(v.socket!, 'chat:send', { body: 'Hello, my order is late', clientMsgId: 'k1' });
    assert.equal(first.message.seq, 1);
    assert.equal((await emitAck(v.socket!, 'chat:send', { body: 'Hello, my order is late', clientMsgId: 'k1' })).duplicate, true);
    const toVisitor = nextEvent(v.socket!, 'chat:message');
    assert.equal((await emitAck(holder.socket, 'chat:send', { chatId: v.chatId, body: 'Let me check.' })).message.seq, 2);
    assert.equal((await toVisitor).body, 'Let me check.');

    const assigned = nextEvent(other.socket, 'chat:assigned');
    assert.deepEqual(await emitAck(holder.socket, 'chat:transfer', { chatId: v.chatId, to: other.username }), { ok: true });
    assert.deepEqual((await assigned).transcript.map((m: any) => m.seq), [1, 2, 3]);
    assert.equal((await emitAck(other.socket, 'chat:send', { chatId: v.chatId, body: 'I can help.' })).message.seq, 4);

    const ended = nextEvent(v.socket!, 'chat:ended');
    assert.deepEqual(await emitAck(other.socket, 'chat:end', { chatId: v.chatId }), { ok: true });
    assert.equal((await ended).by, 'agent');
    const history = await connectFor(w.t.url, '/visitor', { token: v.userToken }, 'chat:history');
    w.track(history.socket);
    assert.equal(history.payload.status, 'ended');
    assert.deepEqual(history.payload.transcript.map((m: any) => m.body).filter((b: string) => !/transferred/.test(b)), ['Hello, my order is late', 'Let me check.', 'I can help.']);
  });
});

test('on PostgreSQL: a burst of messages with idempotency keys is stored and numbered in the order it was sent', { skip }, async () => {
  const w = await startWorld(['alice'], { messagesPerSecond: 1000 });
  try {
    await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const bodies = Array.from({ length: 30 }, (_, i) => `m${i + 1}`);
    // Each send looks its key up first; those lookups may finish in any order on the pool.
    const acks = await Promise.all(bodies.map((body, i) => emitAck(v.socket!, 'chat:send', { body, clientMsgId: `k${i}` })));
    assert.deepEqual(acks.map((a) => [a.message.seq, a.message.body]), bodies.map((b, i) => [i + 1, b]));
  } finally {
    await w.close();
  }
});

test('on PostgreSQL: logout sends the agent\'s chats to the front of the queue, and the next agent gets them', { skip }, async () => {
  await world(['alice', 'bob'], async (w) => {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    await emitAck(grace.socket!, 'chat:send', { body: 'first' });
    const queued = nextEvent(grace.socket!, 'chat:queued');
    assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
    assert.deepEqual(await queued, { ahead: 0 });
    const fresh = await w.join('Fresh');
    assert.equal((await w.status(fresh)).body.ahead, 1);
    const bob = await w.agentOnline('bob');
    const assigned = await eventually(bob.socket, 'chat:assigned', (p: any) => p.chatId === grace.chatId);
    assert.equal(assigned.reason, 'requeue');
    assert.equal(assigned.transcript[0].body, 'first');
    assert.equal((await w.status(fresh)).body.ahead, 0);
  });
});

test('on PostgreSQL: a restart on the same database brings back the queue, open chats and transcripts', { skip }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-pg-restart-'));
  let t = await startTestServer({ trustProxy: true }, dir);
  const database = t.databaseUrl!;
  try {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'alice', undefined, 'Alice Agent');
    const aliceToken = await t.login('alice');
    const { socket: aliceSocket } = await connectFor(t.url, '/agent', { token: aliceToken }, 'chats:open');
    const join = async (name: string, ip: string) => (await t.api('POST', '/api/queue', { body: { name }, headers: { 'x-forwarded-for': ip } })).body.queueToken as string;
    const graceQueue = await join('Grace', '10.1.0.1');
    const start = await t.api('POST', '/api/chat/start', { token: graceQueue });
    assert.equal(start.status, 200);
    const { socket: graceSocket } = await connectFor(t.url, '/visitor', { token: start.body.userToken }, 'chat:history');
    await emitAck(graceSocket, 'chat:send', { body: 'before the restart' });
    await emitAck(aliceSocket, 'chat:send', { chatId: start.body.chatId, body: 'noted' });
    await t.api('PATCH', '/api/admin/agents/alice', { token: admin, body: { maxChats: 1 } }); // the next visitors wait
    const adaQueue = await join('Ada', '10.1.0.2');
    const linQueue = await join('Lin', '10.1.0.3');
    aliceSocket.close();
    graceSocket.close();
    await t.close();

    t = await startTestServer({ trustProxy: true }, dir);
    assert.equal(t.databaseUrl, database, 'the same data dir finds the same database');
    assert.deepEqual((await t.api('GET', '/api/queue/status', { token: adaQueue })).body.ahead, 0);
    assert.deepEqual((await t.api('GET', '/api/queue/status', { token: linQueue })).body.ahead, 1);
    const again = await connectFor(t.url, '/agent', { token: aliceToken }, 'chats:open');
    const open = again.payload.chats;
    assert.equal(open.length, 1);
    assert.equal(open[0].chatId, start.body.chatId);
    assert.deepEqual(open[0].transcript.map((m: any) => [m.seq, m.body]), [[1, 'before the restart'], [2, 'noted']]);
    const visitor = await connectFor(t.url, '/visitor', { token: start.body.userToken }, 'chat:history');
    assert.equal(visitor.payload.status, 'active');
    const ack = await emitAck(visitor.socket, 'chat:send', { body: 'after the restart' });
    assert.equal(ack.message.seq, 3, 'numbering carries on');
    again.socket.close();
    visitor.socket.close();
  } finally {
    await t.close();
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(server!.url, new URL(database).pathname.slice(1));
  }
});

test('on PostgreSQL: `switchboard admin create --database-url` makes the first admin, who then logs in to a server on that database', { skip }, async () => {
  const { spawnSync } = await import('node:child_process');
  const { PROJECT_ROOT } = await import('../../server/paths.js');
  const { freshDatabase } = await import('../helpers/postgres.js');
  const db = await freshDatabase(server!.url);
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-pg-admin-'));
  try {
    const bin = join(PROJECT_ROOT, 'bin/switchboard.js');
    const made = spawnSync(process.execPath, [bin, 'admin', 'create', 'boss', '--name', 'The Boss', '--password-stdin', '--database-url', db.url, '--data-dir', dataDir], { input: 'correct horse battery' });
    assert.equal(made.status, 0, made.stderr.toString());
    assert.match(made.stdout.toString(), /created admin boss \(The Boss\) in the PostgreSQL database/);
    const listed = spawnSync(process.execPath, [bin, 'admin', 'list', '--json', '--database-url', db.url]);
    assert.deepEqual(JSON.parse(listed.stdout.toString()).admins.map((a: any) => a.username), ['boss']);
    const t = await startTestServer({ databaseUrl: db.url }, dataDir);
    try {
      assert.equal((await t.api('POST', '/api/login', { body: { username: 'boss', password: 'correct horse battery' } })).status, 200);
    } finally {
      await t.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.drop();
  }
});
