import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { ConfigError, loadConfig } from '../../server/config.js';
import { api, clusterSkip, login, startSharedBackends, type Cluster, type SharedBackends } from '../helpers/cluster.js';
import { spawnServer, type ServerProcess } from '../helpers/process-server.js';
import { redisSkip, startTestRedis } from '../helpers/redis.js';
import { PASSWORD } from '../helpers/server.js';
import { nextEvent } from '../helpers/sockets.js';
import { connectAgent, disconnected } from '../helpers/staff.js';

// Two real `switchboard serve` processes (from dist: run `npm run build` first) on one PostgreSQL
// database, one data dir (so one JWT secret) and, with --redis-url, one Redis: socket events and
// rate limits cross nodes with Redis, and stay per node without it. (Chats across nodes: cluster.test.ts.)

let backends: SharedBackends | undefined;
let cluster: Cluster | undefined;
const sockets: Socket[] = [];

/** Two nodes on a fresh shared database and data dir, started one after the other (the first writes the JWT secret). */
async function twoNodes(extra: string[]): Promise<[ServerProcess, ServerProcess]> {
  cluster = await backends!.cluster();
  return [await cluster.node(extra), await cluster.node(extra)];
}

async function stopNodes(): Promise<void> {
  for (const s of sockets.splice(0)) s.close();
  await cluster?.stopNodes();
}

before(async () => {
  if (!clusterSkip) backends = await startSharedBackends();
});

after(async () => {
  await stopNodes();
  await backends?.close();
});

test('with --redis-url, socket events and rate limits cross nodes', { skip: clusterSkip }, async (t) => {
  const [one, two] = await twoNodes(['--redis-url', backends!.redisUrl, '--login-attempts', '2']);
  const admin = await login(one.url, 'root');
  for (const u of ['alice', 'bob', 'carol']) {
    const inv = await api(one.url, 'POST', '/api/admin/invites', {
      token: admin,
      body: { username: u, name: `Agent ${u}`, email: `${u}@example.test` },
    });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const reg = await api(two.url, 'POST', '/api/register', {
      body: { token: new URL(inv.body.registerUrl).hash.replace('#token=', ''), password: PASSWORD },
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
  }
  const alice = await login(one.url, 'alice');
  const bob = await login(two.url, 'bob');

  await t.test("an agent message sent over HTTP on node 1 reaches the recipient's socket on node 2", async () => {
    const { socket } = await connectAgent(two.url, bob);
    sockets.push(socket);
    const live = nextEvent(socket, 'agent-message');
    const sent = await api(one.url, 'POST', '/api/agent-messages', {
      token: alice,
      body: { to: 'bob', body: 'Across nodes' },
    });
    assert.equal(sent.status, 201);
    assert.deepEqual(await live, sent.body.message);
  });

  await t.test("logout on node 1 disconnects that session's socket on node 2", async () => {
    const { socket } = await connectAgent(two.url, bob);
    sockets.push(socket);
    const gone = disconnected(socket);
    assert.equal((await api(one.url, 'POST', '/api/logout', { token: bob })).status, 204);
    assert.equal(await gone, 'io server disconnect');
  });

  await t.test('failed logins spread over both nodes hit one shared limit', async () => {
    for (let i = 0; i < 2; i++) {
      assert.equal(
        (await api(one.url, 'POST', '/api/login', { body: { username: 'carol', password: 'wrong password here' } }))
          .status,
        401,
      );
    }
    const third = await api(two.url, 'POST', '/api/login', { body: { username: 'carol', password: PASSWORD } });
    assert.equal(third.status, 429, JSON.stringify(third.body));
    assert.equal(third.body.error.code, 'rate_limited');
    assert.match(third.body.error.message, /^Too many failed logins; try again in \d+ s\.$/);
  });
  await stopNodes();
});

test('without --redis-url, each node counts failed logins on its own', { skip: clusterSkip }, async () => {
  const [one, two] = await twoNodes(['--login-attempts', '2']);
  for (let i = 0; i < 2; i++) {
    assert.equal(
      (await api(one.url, 'POST', '/api/login', { body: { username: 'root', password: 'wrong password here' } }))
        .status,
      401,
    );
  }
  assert.equal(
    (await api(one.url, 'POST', '/api/login', { body: { username: 'root', password: 'wrong password here' } })).status,
    429,
  );
  assert.equal(
    (await api(two.url, 'POST', '/api/login', { body: { username: 'root', password: 'wrong password here' } })).status,
    401,
    'node 2 has not seen the failures on node 1',
  );
  await stopNodes();
});

test('serve stops with one clear line when Redis cannot be reached, without the password', {
  skip: redisSkip,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-scale-noredis-'));
  try {
    // A port nothing listens on: the one of a Redis stopped just now.
    const gone = await startTestRedis();
    const port = new URL(gone.url).port;
    await gone.stop();
    const err = await spawnServer(['--data-dir', dir, '--redis-url', `redis://:s3cret-pw@127.0.0.1:${port}`]).then(
      async (s) => {
        await s.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    assert.ok(err, 'the server started without its Redis');
    assert.match(err.message, /server exited with [1-9]/);
    assert.match(err.message, new RegExp(`cannot connect to Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(err.message, /s3cret-pw/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bad --redis-url is a config error that hides the password', () => {
  assert.equal(loadConfig({ redisUrl: 'redis://:pw@cache:6379' }, {}).redisUrl, 'redis://:pw@cache:6379');
  assert.equal(
    loadConfig({}, { SWITCHBOARD_REDIS_URL: 'rediss://u:pw@cache:6380' }).redisUrl,
    'rediss://u:pw@cache:6380',
  );
  assert.equal(loadConfig({}, {}).redisUrl, undefined);
  assert.throws(
    () => loadConfig({ redisUrl: 'tcp://:s3cret@cache:6379' }, {}),
    (e: Error) =>
      e instanceof ConfigError &&
      /--redis-url \/ SWITCHBOARD_REDIS_URL/.test(e.message) &&
      /:\*\*\*@cache/.test(e.message) &&
      !e.message.includes('s3cret'),
  );
});
