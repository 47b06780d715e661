/**
 * A throwaway PostgreSQL and redis-server for the cluster scenario, from Debian's packages
 * (`apt-get install -y postgresql redis-server`), in temporary folders on loopback and free ports.
 * Both run as children of the bench (PostgreSQL's postmaster started directly, not through
 * pg_ctl), so the bench's watchdog and Ctrl-C kill them like every other child; a backend whose
 * postmaster dies exits by itself. Unlike the test helpers, PostgreSQL keeps its durable defaults
 * (fsync, synchronous_commit on: a commit waits for the WAL flush), as a production database would.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { watchChild } from '../../test/helpers/child.js';
import { freePort } from '../../test/helpers/ports.js';
import { findRedisServer, startTestRedis, type TestRedis } from '../../test/helpers/redis.js';
import { sleep } from './async.js';
import { track } from './processes.js';

export const INSTALL = 'apt-get install -y postgresql redis-server';

/** Their folders go however the bench ends (watchdog, Ctrl-C): the processes are killed on exit too. */
const folders = new Set<string>();
process.once('exit', () => {
  for (const d of folders) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* a process still dying wrote into it: left in the temp folder */
    }
  }
});

/** The folder holding Debian's initdb and postgres (newest version first), or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

/** Why the cluster scenario cannot run here (missing binaries), or undefined. */
export function clusterSkipReason(): string | undefined {
  const missing = [
    !findPostgresBin() && 'PostgreSQL (no /usr/lib/postgresql/*/bin/initdb and postgres)',
    !findRedisServer() && 'redis-server',
  ].filter(Boolean);
  return missing.length ? `${missing.join(' and ')} not found: install with \`${INSTALL}\`` : undefined;
}

export interface BenchPostgres {
  /** postgres://… of the maintenance database. */
  url: string;
  /** The postmaster; its backends are its children. */
  pid: number;
  /** A fresh database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(o: { durable: boolean; maxConnections: number }): Promise<BenchPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(`PostgreSQL not found: ${INSTALL}`);
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-pg-'));
  folders.add(dir);
  const data = join(dir, 'data');
  await mkdir(data);
  await chmod(dir, 0o700);
  await chmod(data, 0o700);
  // As root, PostgreSQL runs as the `postgres` user (it refuses root).
  const ids =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
          gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
        }
      : {};
  if (ids.uid !== undefined) {
    chownSync(dir, ids.uid, ids.gid!);
    chownSync(data, ids.uid, ids.gid!);
  }
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { encoding: 'utf8', timeout: 60_000, ...ids },
  );
  if (init.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `initdb failed (${init.status ?? init.signal}): ${init.stderr || init.stdout || init.error?.message}`,
    );
  }
  const port = await freePort();
  const conf = join(data, 'postgresql.auto.conf');
  writeFileSync(
    conf,
    [
      `listen_addresses = '127.0.0.1'`,
      `port = ${port}`,
      `unix_socket_directories = '${dir}'`,
      `max_connections = ${o.maxConnections}`,
      ...(o.durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
      '',
    ].join('\n'),
  );
  if (ids.uid !== undefined) chownSync(conf, ids.uid, ids.gid!);
  const child = track(spawn(join(bin, 'postgres'), ['-D', data], { stdio: ['ignore', 'pipe', 'pipe'], ...ids }));
  const { output, exited, isDead } = watchChild(child);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await query('SELECT 1');
      break;
    } catch {
      if (isDead() || Date.now() > deadline) {
        child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start:\n${output().slice(-2000)}`);
      }
      await sleep(100);
    }
  }
  let stopped = false;
  return {
    url,
    pid: child.pid!,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      await query(`CREATE DATABASE ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!isDead()) {
        child.kill('SIGQUIT'); // immediate shutdown: the data is thrown away anyway
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type BenchRedis = TestRedis;

/** redis-server on loopback, nothing saved to disk (the tests' helper, its process tracked by the bench). */
export const startRedis = (): Promise<BenchRedis> =>
  startTestRedis({
    onStart: (child, dir) => {
      track(child);
      folders.add(dir);
    },
  });

// ---- CPU accounting from /proc (clock ticks of 10 ms, as bench/lib/processes.ts's cpuMs) ----

const statFields = (pid: number | string): string[] | undefined => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
};

/** utime + stime of one process, ms (0 when it is gone). */
export function processCpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * 10 : 0;
}

/**
 * CPU of a process tree one level deep (PostgreSQL: the postmaster and its backends, WAL writer,
 * checkpointer…): its own time, the time of children it already reaped (cutime, cstime), and that of
 * the live children. A backend that exits during a window moves from the last term to the second.
 */
export function processTreeCpuMs(pid: number): number {
  const own = statFields(pid);
  if (!own) return 0;
  let ms = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * 10;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(name);
    if (f && Number(f[1]) === pid) ms += (Number(f[11]) + Number(f[12])) * 10;
  }
  return ms;
}

/** Busy and total CPU time of the whole machine so far (/proc/stat), ms summed over cores. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line;
  return {
    busy: (user + nice + system + irq + softirq + steal) * 10,
    total: (user + nice + system + idle + iowait + irq + softirq + steal) * 10,
  };
}

export type CpuReaders = Record<string, () => number>;

/**
 * Cores (1 = one full core) each reader's process (or group) used during `fn`, and the machine's
 * busy cores over the same wall time (everything on it, other users included).
 */
export async function measureCpu<T>(
  readers: CpuReaders,
  fn: () => Promise<T>,
): Promise<{ value: T; cores: Record<string, number>; machineBusyCores: number; wallMs: number }> {
  const before = Object.fromEntries(Object.entries(readers).map(([k, r]) => [k, r()]));
  const m0 = machineCpuMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const m1 = machineCpuMs();
  const cores = Object.fromEntries(
    Object.entries(readers).map(([k, r]) => [k, Math.round(((r() - before[k]!) / wallMs) * 100) / 100]),
  );
  return {
    value,
    cores,
    machineBusyCores: Math.round(((m1.busy - m0.busy) / wallMs) * 100) / 100,
    wallMs: Math.round(wallMs),
  };
}

export interface PgActivity {
  samples: number;
  /**
   * Backends of the nodes (application_name 'switchboard') in a transaction or running a statement:
   * pooled connections in use.
   */
  busyMean: number;
  busyMax: number;
  /** Of those, waiting for the node between statements ('idle in transaction'). */
  idleInTransactionMean: number;
  /** Of those, waiting for a lock (a chat row, the routing lock). */
  lockWaitMean: number;
  connections: number;
}

/**
 * Samples pg_stat_activity every `everyMs` while `fn` runs: how many of the nodes' pooled
 * connections are in use (each node's pool holds at most 10), and what they wait for.
 */
export async function samplePgActivity<T>(
  url: string,
  database: string,
  everyMs: number,
  fn: () => Promise<T>,
): Promise<{ value: T; activity: PgActivity }> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  await client.connect();
  const rows: { busy: number; idle_in_tx: number; lock_wait: number; conns: number }[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const t = performance.now();
      const r = await client.query(
        `SELECT count(*) FILTER (WHERE state <> 'idle')::int AS busy,
                count(*) FILTER (WHERE state = 'idle in transaction')::int AS idle_in_tx,
                count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock_wait, count(*)::int AS conns
         FROM pg_stat_activity WHERE datname = $1 AND application_name = 'switchboard'`,
        [database],
      );
      rows.push(r.rows[0]);
      const wait = everyMs - (performance.now() - t);
      if (wait > 0) await sleep(wait);
    }
  })();
  try {
    const value = await fn();
    return {
      value,
      activity: {
        samples: rows.length,
        busyMean: Math.round((rows.reduce((s, r) => s + r.busy, 0) / Math.max(1, rows.length)) * 100) / 100,
        busyMax: Math.max(0, ...rows.map((r) => r.busy)),
        idleInTransactionMean:
          Math.round((rows.reduce((s, r) => s + r.idle_in_tx, 0) / Math.max(1, rows.length)) * 100) / 100,
        lockWaitMean: Math.round((rows.reduce((s, r) => s + r.lock_wait, 0) / Math.max(1, rows.length)) * 100) / 100,
        connections: Math.max(0, ...rows.map((r) => r.conns)),
      },
    };
  } finally {
    on = false;
    await loop.catch(() => {});
    await client.end();
  }
}
