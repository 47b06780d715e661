import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';
import { freshDatabase, postgresSkip, queryOnce, startTestPostgres } from './postgres.js';
import { spawnServer, type ServerProcess } from './process-server.js';
import { redisSkip, startTestRedis } from './redis.js';
import { PASSWORD } from './server.js';

/** Why several-node tests cannot run here (PostgreSQL or redis-server missing outside CI), or undefined. */
export const clusterSkip = postgresSkip ?? redisSkip;

export interface Answer {
  status: number;
  body: any;
}

/** A JSON request to one node. */
export async function api(
  base: string,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function login(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await api(base, 'POST', '/api/login', { body: { username, password } });
  assert.equal(res.status, 200, `login ${username}: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/**
 * A throwaway PostgreSQL and redis-server for several-node tests. Each `cluster()` gets a fresh
 * database, its own data dir (so one JWT secret for its nodes) and an admin `root` made with
 * `switchboard admin create --database-url`. Nodes run from dist/ (`npm run build` first).
 */
export async function startSharedBackends() {
  const [pgServer, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  const clusters: Cluster[] = [];
  return {
    redisUrl: redis.url,
    async cluster(): Promise<Cluster> {
      const c = await newCluster(pgServer.url, redis.url);
      clusters.push(c);
      return c;
    },
    async close() {
      await Promise.allSettled(clusters.map((c) => c.close()));
      await Promise.allSettled([pgServer.stop(), redis.stop()]);
    },
  };
}
export type SharedBackends = Awaited<ReturnType<typeof startSharedBackends>>;
export type Cluster = Awaited<ReturnType<typeof newCluster>>;

async function newCluster(pgUrl: string, redisUrl: string) {
  const db = await freshDatabase(pgUrl);
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-cluster-'));
  const made = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'bin/switchboard.js'),
      'admin',
      'create',
      'root',
      '--name',
      'Root',
      '--password-stdin',
      '--database-url',
      db.url,
      '--data-dir',
      dataDir,
    ],
    { input: PASSWORD },
  );
  assert.equal(made.status, 0, made.stderr.toString());
  const nodes: ServerProcess[] = [];
  return {
    dbUrl: db.url,
    redisUrl,
    dataDir,
    nodes,
    /** Starts one more node on the shared database and data dir (start nodes one after the other). */
    async node(extra: string[] = []): Promise<ServerProcess> {
      const n = await spawnServer(['--data-dir', dataDir, '--database-url', db.url, ...extra]);
      nodes.push(n);
      return n;
    },
    /** Runs SQL on the shared database (to look at what the nodes stored). */
    sql: <R = any>(text: string, values: unknown[] = []) => queryOnce<R>(db.url, text, values),
    /** Invites (through the first node) and registers agents, optionally with their own maxChats. */
    async addAgents(adminToken: string, usernames: string[], maxChats?: number) {
      const base = nodes[0]!.url;
      for (const u of usernames) {
        const inv = await api(base, 'POST', '/api/admin/invites', {
          token: adminToken,
          body: { username: u, name: `Agent ${u}`, email: `${u}@example.test` },
        });
        assert.equal(inv.status, 201, JSON.stringify(inv.body));
        const reg = await api(base, 'POST', '/api/register', {
          body: { token: new URL(inv.body.registerUrl).hash.replace('#token=', ''), password: PASSWORD },
        });
        assert.equal(reg.status, 201, JSON.stringify(reg.body));
        if (maxChats !== undefined) {
          const set = await api(base, 'PATCH', `/api/admin/agents/${u}`, { token: adminToken, body: { maxChats } });
          assert.equal(set.status, 200, JSON.stringify(set.body));
        }
      }
    },
    /** SIGTERM to every node still running. */
    async stopNodes() {
      await Promise.all(nodes.splice(0).map((n) => n.stop()));
    },
    async close() {
      await Promise.allSettled(nodes.splice(0).map((n) => n.kill9()));
      await db.drop().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
