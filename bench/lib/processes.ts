import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './async.js';

export { sleep };

/** The repository root (bench/lib/ → ../..). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'switchboard.js');

// Every child the bench starts is killed when the bench ends, however it ends.
const children = new Set<ChildProcess>();
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
process.once('exit', killAll);

/** Resident memory of a process in KiB (/proc/<pid>/status VmRSS). */
export function rssKiB(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

export interface ServerHandle {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Wall time from spawn to the "listening on" line. */
  listeningMs: number;
  output(): string;
  /** SIGTERM (the server closes cleanly, so a --cpu-prof profile is written), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** Spawns a process that prints `listening on http://HOST:PORT`, and waits for that line. */
export function spawnListening(
  name: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<ServerHandle> {
  const started = performance.now();
  const child = track(
    spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${out.slice(-2000)}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${out.slice(-2000)}`));
    };
    const onData = (b: Buffer) => {
      if (out.length < 200_000) out += b.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => {
        if (out.length < 200_000) out += more.toString();
      });
      child.off('exit', onExit);
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        pid: child.pid!,
        child,
        listeningMs: performance.now() - started,
        output: () => out,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(t);
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => {
      if (out.length < 200_000) out += b.toString();
    });
    child.once('exit', onExit);
  });
}

export interface SwitchboardOptions {
  dataDir: string;
  flags?: string[];
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof). */
  cpuProfDir?: string;
}

/** The real `switchboard serve` from dist/ (bin/switchboard.js), on a free loopback port. */
export function spawnSwitchboard(o: SwitchboardOptions): Promise<ServerHandle> {
  const prof = o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] : [];
  return spawnListening('switchboard serve', [
    ...prof,
    BIN,
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--data-dir',
    o.dataDir,
    '--log-level',
    'warn',
    ...(o.flags ?? []),
  ]);
}

/** The bare Socket.IO relay the messages scenario compares against. */
export function spawnRelay(): Promise<ServerHandle> {
  return spawnListening('baseline relay', ['--import', 'tsx', join(ROOT, 'bench', 'baseline', 'relay.ts')]);
}

/** Resolves with the ms until GET /healthz answers 200 (polling every `everyMs`). */
export async function waitHealthy(url: string, timeoutMs = 30_000, everyMs = 5): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (performance.now() > until) throw new Error(`${url}/healthz not 200 within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Measures what share of one core `pids` used while `fn` ran (1 = one full core). */
export async function withCpu<T>(
  pids: Record<string, number>,
  fn: () => Promise<T>,
): Promise<{ value: T; cores: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const cores = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => [k, Math.round(((cpuMs(pid) - before[k]!) / wall) * 100) / 100]),
  );
  return { value, cores };
}
