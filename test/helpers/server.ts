import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeConfig, type SettingName } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { createAdmin } from '../../server/app/admin-accounts.js';
import Database from 'better-sqlite3';
import { createDatabase, dropDatabase, freshDatabase, queryOnce } from './postgres.js';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  dataDir: string;
  /** The PostgreSQL database the server uses, when it uses one. */
  databaseUrl?: string;
  server: RunningServer;
  /** JSON request; `token` becomes a Bearer header. */
  api<T = any>(
    method: string,
    path: string,
    o?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
  /** Creates an admin account directly in the store (as `switchboard admin create` does). */
  createAdmin(username: string, password?: string, name?: string): Promise<void>;
  /** Invites and registers an agent through the real HTTP API; returns nothing, log in next. */
  createAgent(adminToken: string, username: string, password?: string, name?: string): Promise<void>;
  /** Logs in and returns the auth token. */
  login(username: string, password?: string): Promise<string>;
  /**
   * Runs SQL straight on the server's database (SQLite file or PostgreSQL), behind the server's
   * back: for time travel and for looking at what is stored. Parameters are $1, $2, … (in order).
   */
  sql<R = Record<string, unknown>>(query: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

/** Databases kept for callers that pass their own data dir (to restart on it); dropped when the process ends. */
const keptDatabases = new Map<string, string>();
let dropKeptOnExit = false;

/**
 * The PostgreSQL database for one test server, when SWITCHBOARD_TEST_DATABASE_URL names a server (and
 * no `databaseUrl` override is given): a fresh `sb_test_<random>` dropped on close; or, when the
 * caller passes its own data dir, one named after that dir, so a server started again on the same
 * dir finds the same database.
 */
async function testDatabase(
  dataDir: string | undefined,
): Promise<{ url: string; drop?: () => Promise<void> } | undefined> {
  const serverUrl = process.env.SWITCHBOARD_TEST_DATABASE_URL;
  if (!serverUrl) return undefined;
  if (!dataDir) return freshDatabase(serverUrl);
  const name = `sb_test_${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 20)}`;
  keptDatabases.set(name, serverUrl);
  if (!dropKeptOnExit) {
    dropKeptOnExit = true;
    process.once('beforeExit', () => {
      void Promise.allSettled([...keptDatabases].map(([n, url]) => dropDatabase(url, n)));
    });
  }
  return { url: await createDatabase(serverUrl, name) };
}

/**
 * A real server on a random port with a temp data dir and a real SQLite file — or, with
 * SWITCHBOARD_TEST_DATABASE_URL set, a database of its own on that PostgreSQL server.
 */
export async function startTestServer(
  overrides: Partial<Record<SettingName, string | number | boolean>> = {},
  dataDir?: string,
): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'switchboard-test-')));
  const database = overrides.databaseUrl === undefined ? await testDatabase(dataDir) : undefined;
  const databaseUrl = database?.url ?? (overrides.databaseUrl as string | undefined);
  const server = await startServer(
    makeConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      logLevel: 'silent',
      // The cheapest bcrypt: tests log in hundreds of times; the cost is not what they test.
      bcryptCost: 4,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...overrides,
    }),
  ).catch(async (e: unknown) => {
    await database?.drop?.();
    throw e;
  });
  const api: TestServer['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    }
    const res = await fetch(server.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };
  const t: TestServer = {
    url: server.url,
    dataDir: dir,
    databaseUrl,
    server,
    api,
    async createAdmin(username, password = PASSWORD, name = `Admin ${username}`) {
      await createAdmin(server.deps.store, server.deps.passwords, { username, name, password });
    },
    async createAgent(adminToken, username, password = PASSWORD, name = `Agent ${username}`) {
      const inv = await api('POST', '/api/admin/invites', {
        token: adminToken,
        body: { username, name, email: `${username}@example.test` },
      });
      if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
      const token = new URL(inv.body.registerUrl).hash.replace('#token=', '');
      const reg = await api('POST', '/api/register', { body: { token, password } });
      if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
    },
    async login(username, password = PASSWORD) {
      const res = await api('POST', '/api/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async sql(query, params = []) {
      if (databaseUrl) return queryOnce(databaseUrl, query, params);
      const db = new Database(join(dir, 'switchboard.db'));
      try {
        const stmt = db.prepare(query.replace(/\$\d+/g, '?'));
        if (stmt.reader) return stmt.all(...params) as never[];
        stmt.run(...params);
        return [];
      } finally {
        db.close();
      }
    },
    async close() {
      await server.close();
      await database?.drop?.();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
  return t;
}
