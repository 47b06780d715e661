// The committed load-balancer configs (deploy/nginx.conf, deploy/haproxy.cfg) run by the real
// nginx and haproxy in front of test nodes: only the ports (and nginx's temp/log paths) change,
// plus whatever edit a test asks for and names.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { PROJECT_ROOT } from '../../server/paths.js';
import { api } from './cluster.js';
import { freePort } from './ports.js';
import type { ServerProcess } from './process-server.js';
import { sleep } from './staff.js';

export const PROXY_INSTALL = 'apt-get install -y nginx haproxy';

function findBinary(name: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'])
    if (existsSync(join(dir, name))) return join(dir, name);
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** Like postgresSkip/redisSkip: skipped outside CI when missing, a failure in CI (CI=true). */
export function binarySkip(name: 'nginx' | 'haproxy'): string | undefined {
  return !findBinary(name) && process.env.CI !== 'true'
    ? `${name} not found: install it with \`${PROXY_INSTALL}\``
    : undefined;
}
function requireBinary(name: string): string {
  const bin = findBinary(name);
  if (!bin) throw new Error(`${name} not found: install it with \`${PROXY_INSTALL}\``);
  return bin;
}

export interface RunningProxy {
  url: string;
  /** Everything the proxy printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface NginxProxy extends RunningProxy {
  /**
   * nginx's access log so far, one line a finished request: `UPSTREAM STATUS "REQUEST" "USER-AGENT"`,
   * UPSTREAM being the node that answered (127.0.0.1:PORT). A WebSocket is logged when it closes.
   */
  accessLog(): Promise<string>;
}

export interface ProxyOptions {
  /** The port clients use (default: a free one); pick it first when the nodes need it for --public-url. */
  port?: number;
}

/**
 * The committed config with the test's ports: `127.0.0.1:400N` becomes node N's port (lines for
 * nodes the test does not run are dropped), `*:8080` becomes 127.0.0.1 and a free port.
 */
export function localize(conf: string, nodePorts: number[], listenPort: number): string {
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
export async function runProxy(
  name: string,
  bin: string,
  args: string[],
  port: number,
  cleanup: () => Promise<void>,
): Promise<RunningProxy> {
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  let dead = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      dead = true;
      resolve();
    }),
  );
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
    const status = await fetch(`${url}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { url, output: () => out, stop };
    if (dead || Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not start (last GET /healthz: ${status}):\n${out}`);
    }
    await sleep(50);
  }
}

/**
 * nginx in the foreground with deploy/nginx.conf, everything it writes in a temp dir (-p prefix,
 * pid, temp paths, the access log). `edit` changes the committed text before the ports are put in
 * (a test that runs a variant says which, and checks its edit took).
 */
export async function startNginx(
  nodePorts: number[],
  o: ProxyOptions & { edit?: (conf: string) => string } = {},
): Promise<NginxProxy> {
  const bin = requireBinary('nginx');
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-nginx-'));
  await chmod(dir, 0o755); // as root, the workers run as nobody
  const port = o.port ?? (await freePort());
  const log = join(dir, 'access.log');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((k) => `    ${k}_temp_path ${join(dir, k)};`)
    .join('\n');
  const committed = await readFile(join(PROJECT_ROOT, 'deploy/nginx.conf'), 'utf8');
  assert.match(committed, /^http \{$/m);
  const logging =
    `    log_format upstreams '$upstream_addr $status "$request" "$http_user_agent"';\n` +
    `    access_log ${log} upstreams;`;
  const conf = localize(o.edit ? o.edit(committed) : committed, nodePorts, port).replace(
    /^http \{$/m,
    `http {\n${temp}\n${logging}`,
  );
  await writeFile(join(dir, 'nginx.conf'), conf);
  const proxy = await runProxy(
    'nginx',
    bin,
    [
      '-p',
      `${dir}/`,
      '-c',
      join(dir, 'nginx.conf'),
      '-e',
      'stderr',
      '-g',
      `daemon off; pid ${join(dir, 'nginx.pid')};`,
    ],
    port,
    () => rm(dir, { recursive: true, force: true }),
  );
  return { ...proxy, accessLog: () => readFile(log, 'utf8') };
}

/** haproxy in the foreground (-db) with deploy/haproxy.cfg, once its health checks passed on every node. */
export async function startHaproxy(nodePorts: number[], o: ProxyOptions = {}): Promise<RunningProxy> {
  const bin = requireBinary('haproxy');
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-haproxy-'));
  const port = o.port ?? (await freePort());
  const conf = localize(await readFile(join(PROJECT_ROOT, 'deploy/haproxy.cfg'), 'utf8'), nodePorts, port);
  await writeFile(join(dir, 'haproxy.cfg'), conf);
  const proxy = await runProxy('haproxy', bin, ['-db', '-f', join(dir, 'haproxy.cfg')], port, () =>
    rm(dir, { recursive: true, force: true }),
  );
  // Until its first health checks, HAProxy counts every node up: wait for them (option
  // log-health-checks), so that a check the nodes fail shows here instead of hiding.
  for (const deadline = Date.now() + 5000; ; await sleep(50)) {
    const out = proxy.output();
    const passed = nodePorts.filter((_, i) =>
      out.includes(`Health check for server switchboard_nodes/node${i + 1} succeeded`),
    ).length;
    if (passed === nodePorts.length) return proxy;
    if (/is DOWN|check for server \S+ failed/.test(out) || Date.now() > deadline) {
      await proxy.stop();
      throw new Error(`haproxy's health checks (GET /healthz) did not pass on every node:\n${out}`);
    }
  }
}

export const portOf = (n: ServerProcess): number => Number(new URL(n.url).port);

export interface NodeSockets {
  agentSockets: number;
  visitorSockets: number;
  queueSockets: number;
}

/** The sockets each node holds, asked each node directly (GET /api/admin/metrics with an admin token). */
export function socketsPerNode(nodes: ServerProcess[], adminToken: string): Promise<NodeSockets[]> {
  return Promise.all(
    nodes.map(async (n) => {
      const m = await api(n.url, 'GET', '/api/admin/metrics', { token: adminToken });
      assert.equal(m.status, 200, JSON.stringify(m.body));
      return {
        agentSockets: m.body.agentSockets,
        visitorSockets: m.body.visitorSockets,
        queueSockets: m.body.queueSockets,
      };
    }),
  );
}

/** An /agent socket with Socket.IO's default transports (polling first); records the transport it opened with. */
export function connectDefault(
  url: string,
  token: string,
): Promise<{ socket: Socket; openedWith: () => string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/agent`, { auth: { token }, reconnection: false, forceNew: true });
    let first: string | undefined;
    socket.io.once('open', () => (first = socket.io.engine.transport.name));
    socket.once('connect', () => resolve({ socket, openedWith: () => first }));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}
