import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { api, clusterSkip, login, startSharedBackends, type SharedBackends } from '../helpers/cluster.js';
import type { ServerProcess } from '../helpers/process-server.js';
import {
  binarySkip,
  connectDefault,
  portOf,
  socketsPerNode,
  startHaproxy,
  startNginx,
  type RunningProxy,
} from '../helpers/proxy.js';
import { nextEvent } from '../helpers/sockets.js';
import { connectAgent, sleep } from '../helpers/staff.js';

// The committed deploy/nginx.conf and deploy/haproxy.cfg, run by the real nginx and haproxy in
// front of two real `switchboard serve` processes (from dist: run `npm run build` first) on one
// PostgreSQL database, one data dir (one JWT secret), one Redis and --trust-proxy. Only the node
// ports (127.0.0.1:4001…), the listen port (*:8080) and, for nginx, its temp/log paths are
// rewritten. What this proves: the API answers through the proxy; a Socket.IO client with the
// default transports (long-polling, then the upgrade to WebSocket) works through the sticky proxy;
// so does a WebSocket-only client; both receive an event sent on the node they are not on (Redis
// adapter); and the proxy overwrites X-Forwarded-For. Without the stickiness: round-robin.test.ts.

const PROXIES = [
  { name: 'nginx', file: 'deploy/nginx.conf', skip: binarySkip('nginx'), start: startNginx },
  { name: 'haproxy', file: 'deploy/haproxy.cfg', skip: binarySkip('haproxy'), start: startHaproxy },
];
const anyToRun = !clusterSkip && PROXIES.some((p) => !p.skip);

let backends: SharedBackends | undefined;
let nodes: ServerProcess[] = [];
const proxies: RunningProxy[] = [];
const sockets: Socket[] = [];
let admin = '';
let alice = '';

/**
 * The index of the one node holding /agent sockets (asked each node directly), after waiting for
 * exactly one to hold any.
 */
async function nodeHoldingTheSocket(): Promise<number> {
  let counts: number[] = [];
  for (const deadline = Date.now() + 3000; Date.now() < deadline; await sleep(50)) {
    counts = (await socketsPerNode(nodes, admin)).map((n) => n.agentSockets);
    if (counts.filter((c) => c > 0).length === 1) return counts.findIndex((c) => c > 0);
  }
  assert.fail(`expected one node to hold the /agent socket, counts ${JSON.stringify(counts)}`);
}

async function closeSockets(): Promise<void> {
  for (const s of sockets.splice(0)) s.close();
  // Let the nodes see the disconnects, so the next check counts only new sockets.
  for (const deadline = Date.now() + 3000; Date.now() < deadline; await sleep(50)) {
    if ((await socketsPerNode(nodes, admin)).every((n) => n.agentSockets === 0)) return;
  }
}

before(async () => {
  if (!anyToRun) return;
  backends = await startSharedBackends();
  const c = await backends.cluster();
  const args = [
    '--redis-url',
    backends.redisUrl,
    '--trust-proxy',
    '--login-attempts',
    '2',
    '--messages-per-second',
    '100',
  ];
  // One after the other: the first writes the JWT secret.
  nodes = [await c.node(args), await c.node(args)];
  admin = await login(nodes[0]!.url, 'root');
  await c.addAgents(admin, ['alice', 'bob']);
  alice = await login(nodes[0]!.url, 'alice');
});

after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.allSettled(proxies.splice(0).map((p) => p.stop()));
  await backends?.close();
});

for (const p of PROXIES) {
  test(`${p.file} run by ${p.name} in front of two nodes`, { skip: clusterSkip ?? p.skip }, async (t) => {
    const proxy = await p.start(nodes.map(portOf));
    proxies.push(proxy);
    const why = () => `\n${p.name} output:\n${proxy.output()}`;
    let bob = '';

    await t.test('GET /healthz and the API answer through the proxy', async () => {
      const health = await api(proxy.url, 'GET', '/healthz').catch((e: Error) =>
        assert.fail(`GET /healthz: ${e.message}${why()}`),
      );
      assert.equal(health.status, 200, why());
      assert.equal(health.body.ok, true);
      bob = await login(proxy.url, 'bob');
      const me = await api(proxy.url, 'GET', '/api/me', { token: bob });
      assert.equal(me.status, 200, JSON.stringify(me.body) + why());
    });

    await t.test(
      'default transports: long-polling through the sticky proxy, then the upgrade; ' +
        'an event sent on the other node arrives',
      async () => {
        const { socket, openedWith } = await connectDefault(proxy.url, bob).catch((e: Error) =>
          assert.fail(`connect: ${e.message}${why()}`),
        );
        sockets.push(socket);
        assert.equal(openedWith(), 'polling');
        for (const deadline = Date.now() + 3000; socket.io.engine.transport.name !== 'websocket'; await sleep(20)) {
          if (Date.now() > deadline)
            assert.fail(
              `the socket did not upgrade to WebSocket through ${p.name} ` +
                `(still ${socket.io.engine.transport.name})${why()}`,
            );
        }
        assert.ok(socket.connected);
        const other = nodes[1 - (await nodeHoldingTheSocket())]!;
        const live = nextEvent(socket, 'agent-message');
        const sent = await api(other.url, 'POST', '/api/agent-messages', {
          token: alice,
          body: { to: 'bob', body: `polling then websocket via ${p.name}` },
        });
        assert.equal(sent.status, 201, JSON.stringify(sent.body));
        assert.deepEqual(await live, sent.body.message);
        await closeSockets();
      },
    );

    await t.test(
      'a WebSocket-only client connects through the proxy; an event sent on the other node arrives',
      async () => {
        const { socket } = await connectAgent(proxy.url, bob).catch((e: Error) =>
          assert.fail(`connect: ${e.message}${why()}`),
        );
        sockets.push(socket);
        assert.equal(socket.io.engine.transport.name, 'websocket');
        const other = nodes[1 - (await nodeHoldingTheSocket())]!;
        const live = nextEvent(socket, 'agent-message');
        const sent = await api(other.url, 'POST', '/api/agent-messages', {
          token: alice,
          body: { to: 'bob', body: `websocket only via ${p.name}` },
        });
        assert.equal(sent.status, 201, JSON.stringify(sent.body));
        assert.deepEqual(await live, sent.body.message);
        await closeSockets();
      },
    );

    await t.test(
      'the proxy overwrites X-Forwarded-For: a client cannot pick its address to dodge a rate limit',
      async () => {
        // --login-attempts 2 per username+address; the nodes trust X-Forwarded-For (--trust-proxy).
        const ghost = `ghost-${p.name}`;
        const attempt = (xff: string) =>
          api(proxy.url, 'POST', '/api/login', {
            body: { username: ghost, password: 'wrong password here' },
            headers: { 'x-forwarded-for': xff },
          });
        assert.equal((await attempt('10.0.0.1')).status, 401);
        assert.equal((await attempt('10.0.0.2')).status, 401);
        const third = await attempt('10.0.0.3');
        assert.equal(third.status, 429, `the forged X-Forwarded-For reached the node: ${JSON.stringify(third.body)}`);
      },
    );

    if (p.name === 'haproxy') assert.doesNotMatch(proxy.output(), /is DOWN/, 'a node went down during the test');
    await proxy.stop();
    proxies.splice(proxies.indexOf(proxy), 1);
  });
}
