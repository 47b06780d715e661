import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { watchChild } from './child.js';
import { freePort } from './ports.js';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_INSTALL = 'apt-get install -y redis-server';

/** Debian's redis-server binary, or undefined. */
export function findRedisServer(): string | undefined {
  for (const p of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/**
 * Why the Redis tests cannot run here, or undefined when they can. Outside CI a missing redis-server
 * makes the tests SKIPPED (with the install command), never passed; in CI (CI=true) this is undefined,
 * so startTestRedis() throws and the tests fail. Use as `test('…', { skip: redisSkip }, …)`.
 */
export const redisSkip: string | undefined =
  !findRedisServer() && process.env.CI !== 'true'
    ? `redis-server not found: install it with \`${REDIS_INSTALL}\``
    : undefined;

export interface TestRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Answers PING with PONG: the server is ready. */
async function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let got = '';
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('error', () => done(false));
    s.on('data', (b) => {
      got += b.toString();
      if (got.includes('\r\n')) done(got.startsWith('+PONG'));
    });
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
  });
}

/**
 * A throwaway redis-server for tests: on 127.0.0.1 and a free port, nothing saved to disk
 * (`--save '' --appendonly no`), its working folder a temp dir. Throws when the binary is missing.
 */
export async function startTestRedis(
  o: { onStart?: (child: ChildProcess, dir: string) => void } = {},
): Promise<TestRedis> {
  const bin = findRedisServer();
  if (!bin) throw new Error(`redis-server not found: install it with \`${REDIS_INSTALL}\``);
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-redis-'));
  const port = await freePort();
  const child = spawn(
    bin,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  o.onStart?.(child, dir);
  const { output, exited, isDead } = watchChild(child);
  const deadline = Date.now() + 15_000;
  while (!(await pong(port))) {
    if (isDead() || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let stopped = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!isDead()) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
