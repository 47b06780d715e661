import { execFileSync, spawnSync } from 'node:child_process';
import { freePort } from './ports.js';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, chownSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const POSTGRES_INSTALL = 'apt-get install -y postgresql';

/** The folder holding Debian's initdb and pg_ctl (newest version first), or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

/**
 * Why the PostgreSQL tests cannot run here, or undefined when they can: a server given in
 * SWITCHBOARD_TEST_DATABASE_URL, or Debian's binaries to start one. Outside CI missing binaries make
 * the tests SKIPPED (with the install command), never passed; in CI (CI=true) this is undefined, so
 * startTestPostgres() throws and the tests fail. Use as `test('…', { skip: postgresSkip }, …)`.
 */
export const postgresSkip: string | undefined =
  !process.env.SWITCHBOARD_TEST_DATABASE_URL && !findPostgresBin() && process.env.CI !== 'true'
    ? `PostgreSQL not found (no /usr/lib/postgresql/*/bin/initdb): install it with \`${POSTGRES_INSTALL}\``
    : undefined;

export interface TestPostgres {
  /** postgres://… of the server's maintenance database; create test databases on it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server for tests: the one in SWITCHBOARD_TEST_DATABASE_URL when set (stop() leaves it
 * running), otherwise a throwaway one from Debian's binaries in a temp folder, on 127.0.0.1 and a free
 * port, its unix socket in that folder, trust auth, fsync off (the server's own crash safety is not
 * what the tests prove). As root the binaries run as the `postgres` user. Throws when they are missing.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.SWITCHBOARD_TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  const bin = findPostgresBin();
  if (!bin)
    throw new Error(
      `PostgreSQL not found (no /usr/lib/postgresql/*/bin/initdb and pg_ctl): install it with \`${POSTGRES_INSTALL}\``,
    );

  const dir = await mkdtemp(join(tmpdir(), 'switchboard-pg-'));
  const data = join(dir, 'data');
  await mkdir(data);
  await chmod(dir, 0o700);
  await chmod(data, 0o700);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(data, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0)
      throw new Error(`${tool} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
  };

  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    if (asRoot) execFileSync('chown', ['postgres:postgres', join(data, 'postgresql.auto.conf')]);
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** `url` with another database name. */
export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One query on its own connection to the database at `url`: the rows. */
export const queryOnce = <R = any>(url: string, text: string, values: unknown[] = []): Promise<R[]> =>
  onMaintenance(url, async (c) => (await c.query(text, values)).rows as R[]);

async function onMaintenance<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database unless it exists; names are ours (sb_test_ + hex), so quoting is safe. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^sb_test_[0-9a-f]+$/.test(name)) throw new Error(`unexpected test database name ${name}`);
  await onMaintenance(serverUrl, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onMaintenance(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

/** A fresh, empty database on the server: its URL and a drop function. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `sb_test_${randomBytes(8).toString('hex')}`;
  const url = await createDatabase(serverUrl, name);
  return { url, name, drop: () => dropDatabase(serverUrl, name) };
}
