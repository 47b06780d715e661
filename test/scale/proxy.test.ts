import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { PROJECT_ROOT } from '../../server/paths.js';
import { freePort } from '../helpers/ports.js';
import { freshDatabase, postgresSkip, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { spawnServer, type ServerProcess } from '../helpers/process-server.js';
import { redisSkip, startTestRedis, type TestRedis } from '../helpers/redis.js';
import { PASSWORD } from '../helpers/server.js';
import { nextEvent } from '../helpers/sockets.js';
import { connectAgent, sleep } from '../helpers/staff.js';

// The committed deploy/nginx.conf and deploy/haproxy.cfg, run by the real nginx and haproxy in
// front of two real `switchboard serve` processes (from dist: run `npm run build` first) on one
// PostgreSQL database, one data dir (one JWT secret), one Redis and --trust-proxy. Only the node
// ports (127.0.0.1:4001…), the listen port (*:8080) and, for nginx, its temp/log paths are
// rewritten. What this proves: the API answers through the proxy; a Socket.IO client with the
// default transports (long-polling, then the upgrade to WebSocket) works through the sticky proxy;
// so does a WebSocket-only client; both receive an event sent on the node they are not on (Redis
// adapter); and the proxy overwrites X-Forwarded-For.

const PROXY_INSTALL = 'apt-get install -y nginx haproxy';

function findBinary(name: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin']) if (existsSync(join(dir, name))) return join(dir, name);
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** Like postgresSkip/redisSkip: skipped outside CI when missing, a failure in CI (CI=true). */
function binarySkip(name: string): string | undefined {
  return !findBinary(name) && process.env.CI !== 'true' ? `${name} not found: install it with \`${PROXY_INSTALL}\`` : undefined;
}
function requireBinary(name: string): string {
  const bin = findBinary(name);
  if (!bin) throw new Error(`${name} not found: install it with \`${PROXY_INSTALL}\``);
  return bin;
}

interface Proxy {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The committed config with the test's ports: `127.0.0.1:400N` becomes node N's port (lines for
 * nodes the test does not run are dropped), `*:8080` becomes 127.0.0.1 and a free port.
 */
function localize(conf: string, nodePorts: number[], listenPort: number): string {
  let servers = 0;
  let listens = 0;
  const lines = conf.split('\n').flatMap((line) => {
    if (/^\s*#/.test(line)) return [line];
    if (line.includes('*:8080')) {
      listens++;
      return [line.replace('*:8080', `127.0.0.1:${listenPort}`)];
    }
    const m = line.match(/127\.0\.0\.1:400(\d)\b/);
    if (!m) return [line];
    const i = Number(m[1]) - 1;
    if (i >= nodePorts.length) return [];
    servers++;
    return [line.replace(m[0], `127.0.0.1:${nodePorts[i]}`)];
  });
  assert.equal(servers, nodePorts.length, 'the config names the nodes 127.0.0.1:4001, :4002, …');
  assert.equal(listens, 1, 'the config listens on *:8080 once');
  return lines.join('\n');
}

/** Runs `bin args` until the proxy answers GET /healthz with 200. */
async function runProxy(name: string, bin: string, args: string[], port: number, cleanup: () => Promise<void>): Promise<Proxy> {
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  let dead = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((dead = true), resolve())));
  const stop = async () => {
    if (!dead) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await cleanup();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = await fetch(url + '/healthz').then((r) => r.status, () => 0);
    if (status === 200) return { url, output: () => out, stop };
    if (dead || Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not start (last GET /healthz: ${status}):\n${out}`);
    }
    await sleep(50);
  }
}

/** nginx in the foreground, everything it writes in a temp dir (-p prefix, pid, temp paths, logs). */
async function startNginx(nodePorts: number[]): Promise<Proxy> {
  const bin = requireBinary('nginx');
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-nginx-'));
  await chmod(dir, 0o755); // as root, the workers run as nobody
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `    ${k}_temp_path ${join(dir, k)};`).join('\n');
  const committed = await readFile(join(PROJECT_ROOT, 'deploy/nginx.conf'), 'utf8');
  assert.match(committed, /^http \{$/m);
  const conf = localize(committed, nodePorts, port).replace(/^http \{$/m, `http {\n${temp}\n    access_log ${join(dir, 'access.log')};`);
  await writeFile(join(dir, 'nginx.conf'), conf);
  return runProxy(
    'nginx',
    bin,
    ['-p', dir + '/', '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`],
    port,
    () => rm(dir, { recursive: true, force: true }),
  );
}

/** haproxy in the foreground (-db). */
async function startHaproxy(nodePorts: number[]): Promise<Proxy> {
  const bin = requireBinary('haproxy');
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-haproxy-'));
  const port = await freePort();
  const conf = localize(await readFile(join(PROJECT_ROOT, 'deploy/haproxy.cfg'), 'utf8'), nodePorts, port);
  await writeFile(join(dir, 'haproxy.cfg'), conf);
  const proxy = await runProxy('haproxy', bin, ['-db', '-f', join(dir, 'haproxy.cfg')], port, () => rm(dir, { recursive: true, force: true }));
  // Until its first health checks, HAProxy counts every node up: wait for them (option
  // log-health-checks), so that a check the nodes fail shows here instead of hiding.
  for (const deadline = Date.now() + 5000; ; await sleep(50)) {
    const out = proxy.output();
    const passed = nodePorts.filter((_, i) => out.includes(`Health check for server switchboard_nodes/node${i + 1} succeeded`)).length;
    if (passed === nodePorts.length) return proxy;
    if (/is DOWN|check for server \S+ failed/.test(out) || Date.now() > deadline) {
      await proxy.stop();
      throw new Error(`haproxy's health checks (GET /healthz) did not pass on every node:\n${out}`);
    }
  }
}

const PROXIES = [
  { name: 'nginx', file: 'deploy/nginx.conf', skip: binarySkip('nginx'), start: startNginx },
  { name: 'haproxy', file: 'deploy/haproxy.cfg', skip: binarySkip('haproxy'), start: startHaproxy },
];
const baseSkip = postgresSkip ?? redisSkip;
const anyToRun = !baseSkip && PROXIES.some((p) => !p.skip);

let pgServer: TestPostgres | undefined;
let redis: TestRedis | undefined;
let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
let dataDir = '';
const nodes: ServerProcess[] = [];
const proxies: Proxy[] = [];
const sockets: Socket[] = [];
let admin = '';
let alice = '';

async function api(base: string, method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (a proxy's error page): keep the text for the assertion message
  }
  return { status: res.status, body };
}

async function login(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await api(base, 'POST', '/api/login', { body: { username, password } });
  assert.equal(res.status, 200, `login ${username} at ${base}: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** The index of the one node holding /agent sockets (asked each node directly), after waiting for exactly one to hold any. */
async function nodeHoldingTheSocket(): Promise<number> {
  let counts: number[] = [];
  for (const deadline = Date.now() + 3000; Date.now() < deadline; await sleep(50)) {
    counts = await Promise.all(
      nodes.map(async (n) => {
        const m = await api(n.url, 'GET', '/api/admin/metrics', { token: admin });
        assert.equal(m.status, 200, JSON.stringify(m.body));
        return m.body.agentSockets as number;
      }),
    );
    if (counts.filter((c) => c > 0).length === 1) return counts.findIndex((c) => c > 0);
  }
  assert.fail(`expected one node to hold the /agent socket, counts ${JSON.stringify(counts)}`);
}

async function closeSockets(): Promise<void> {
  for (const s of sockets.splice(0)) s.close();
  // Let the nodes see the disconnects, so the next check counts only new sockets.
  for (const deadline = Date.now() + 3000; Date.now() < deadline; await sleep(50)) {
    const counts = await Promise.all(nodes.map(async (n) => (await api(n.url, 'GET', '/api/admin/metrics', { token: admin })).body.agentSockets));
    if (counts.every((c) => c === 0)) return;
  }
}

/** An /agent socket with Socket.IO's default transports; records the transport it opened with. */
function connectDefault(url: string, token: string): Promise<{ socket: Socket; openedWith: () => string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = io(url + '/agent', { auth: { token }, reconnection: false, forceNew: true });
    let first: string | undefined;
    socket.io.once('open', () => (first = socket.io.engine.transport.name));
    socket.once('connect', () => resolve({ socket, openedWith: () => first }));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

before(async () => {
  if (!anyToRun) return;
  [pgServer, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  db = await freshDatabase(pgServer.url);
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-proxy-'));
  const made = spawnSync(
    process.execPath,
    [join(PROJECT_ROOT, 'bin/switchboard.js'), 'admin', 'create', 'root', '--name', 'Root', '--password-stdin', '--database-url', db.url, '--data-dir', dataDir],
    { input: PASSWORD },
  );
  assert.equal(made.status, 0, made.stderr.toString());
  const args = ['--data-dir', dataDir, '--database-url', db.url, '--redis-url', redis.url, '--trust-proxy', '--login-attempts', '2', '--messages-per-second', '100'];
  // One after the other: the first writes the JWT secret.
  nodes.push(await spawnServer(args));
  nodes.push(await spawnServer(args));
  admin = await login(nodes[0]!.url, 'root');
  for (const u of ['alice', 'bob']) {
    const inv = await api(nodes[0]!.url, 'POST', '/api/admin/invites', { token: admin, body: { username: u, name: `Agent ${u}`, email: `${u}@example.test` } });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const reg = await api(nodes[1]!.url, 'POST', '/api/register', { body: { token: new URL(inv.body.registerUrl).hash.replace('#token=', ''), password: PASSWORD } });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
  }
  alice = await login(nodes[0]!.url, 'alice');
});

after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.allSettled(proxies.splice(0).map((p) => p.stop()));
  await Promise.allSettled(nodes.splice(0).map((n) => n.stop()));
  await db?.drop();
  await Promise.allSettled([pgServer?.stop(), redis?.stop()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

for (const p of PROXIES) {
  test(`${p.file} run by ${p.name} in front of two nodes`, { skip: baseSkip ?? p.skip }, async (t) => {
    const proxy = await p.start(nodes.map((n) => Number(new URL(n.url).port)));
    proxies.push(proxy);
    const why = () => `\n${p.name} output:\n${proxy.output()}`;
    let bob = '';

    await t.test('GET /healthz and the API answer through the proxy', async () => {
      const health = await api(proxy.url, 'GET', '/healthz');
      assert.equal(health.status, 200, why());
      assert.equal(health.body.ok, true);
      bob = await login(proxy.url, 'bob');
      const me = await api(proxy.url, 'GET', '/api/me', { token: bob });
      assert.equal(me.status, 200, JSON.stringify(me.body) + why());
    });

    await t.test('default transports: long-polling through the sticky proxy, then the upgrade; an event sent on the other node arrives', async () => {
      const { socket, openedWith } = await connectDefault(proxy.url, bob).catch((e: Error) => assert.fail(`connect: ${e.message}${why()}`));
      sockets.push(socket);
      assert.equal(openedWith(), 'polling');
      for (const deadline = Date.now() + 3000; socket.io.engine.transport.name !== 'websocket'; await sleep(20)) {
        if (Date.now() > deadline) assert.fail(`the socket did not upgrade to WebSocket through ${p.name} (still ${socket.io.engine.transport.name})${why()}`);
      }
      assert.ok(socket.connected);
      const other = nodes[1 - (await nodeHoldingTheSocket())]!;
      const live = nextEvent(socket, 'agent-message');
      const sent = await api(other.url, 'POST', '/api/agent-messages', { token: alice, body: { to: 'bob', body: `polling then websocket via ${p.name}` } });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.deepEqual(await live, sent.body.message);
      await closeSockets();
    });

    await t.test('a WebSocket-only client connects through the proxy; an event sent on the other node arrives', async () => {
      const { socket } = await connectAgent(proxy.url, bob).catch((e: Error) => assert.fail(`connect: ${e.message}${why()}`));
      sockets.push(socket);
      assert.equal(socket.io.engine.transport.name, 'websocket');
      const other = nodes[1 - (await nodeHoldingTheSocket())]!;
      const live = nextEvent(socket, 'agent-message');
      const sent = await api(other.url, 'POST', '/api/agent-messages', { token: alice, body: { to: 'bob', body: `websocket only via ${p.name}` } });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.deepEqual(await live, sent.body.message);
      await closeSockets();
    });

    await t.test('the proxy overwrites X-Forwarded-For: a client cannot pick its address to dodge a rate limit', async () => {
      // --login-attempts 2 per username+address; the nodes trust X-Forwarded-For (--trust-proxy).
      const ghost = `ghost-${p.name}`;
      const attempt = (xff: string) => api(proxy.url, 'POST', '/api/login', { body: { username: ghost, password: 'wrong password here' }, headers: { 'x-forwarded-for': xff } });
      assert.equal((await attempt('10.0.0.1')).status, 401);
      assert.equal((await attempt('10.0.0.2')).status, 401);
      const third = await attempt('10.0.0.3');
      assert.equal(third.status, 429, `the forged X-Forwarded-For reached the node: ${JSON.stringify(third.body)}`);
    });

    if (p.name === 'haproxy') assert.doesNotMatch(proxy.output(), /is DOWN/, 'a node went down during the test');
    await proxy.stop();
    proxies.splice(proxies.indexOf(proxy), 1);
  });
}
