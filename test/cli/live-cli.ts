import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { BIN } from './run-cli.js';

/** A long-running `switchboard` process (watch, visit): stdin open, output collected as it comes. */
export interface LiveCli {
  child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Resolves with the first complete line of stdout/stderr matching `pattern`, or rejects after `ms`
   * (with all output).
   */
  line(stream: 'stdout' | 'stderr', pattern: RegExp | ((line: string) => boolean), ms?: number): Promise<string>;
  write(text: string): void;
  endInput(): void;
  /** Resolves with the exit code (or rejects after `ms`). */
  exited(ms?: number): Promise<number | null>;
  /** Kills the process if it still runs (test cleanup). */
  kill(): void;
}

export function startCli(args: string[], o: { configDir: string; env?: Record<string, string> }): LiveCli {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SWITCHBOARD_')) env[k] = v;
  Object.assign(env, {
    HOME: o.configDir,
    XDG_CONFIG_HOME: join(o.configDir, 'xdg'),
    NO_COLOR: '1',
    SWITCHBOARD_CONFIG_DIR: o.configDir,
    ...o.env,
  });
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  const watchers = new Set<() => void>();
  const poke = () => {
    for (const w of watchers) w();
  };
  const append = (stream: 'stdout' | 'stderr') => (s: string) => {
    out[stream] += s;
    poke();
  };
  child.stdout.setEncoding('utf8').on('data', append('stdout'));
  child.stderr.setEncoding('utf8').on('data', append('stderr'));
  child.stdin.on('error', () => {});
  let code: number | null | undefined;
  child.on('exit', (c) => {
    code = c;
    poke();
  });
  const dump = () => `\nstdout: ${JSON.stringify(out.stdout)}\nstderr: ${JSON.stringify(out.stderr)}`;
  const until = <T>(what: string, check: () => T | undefined, ms: number) =>
    new Promise<T>((resolve, reject) => {
      const test = () => {
        const found = check();
        if (found === undefined) return false;
        clearTimeout(timer);
        watchers.delete(w);
        resolve(found);
        return true;
      };
      const w = () => void test();
      const timer = setTimeout(() => {
        watchers.delete(w);
        reject(new Error(`no ${what} within ${ms} ms${dump()}`));
      }, ms);
      watchers.add(w);
      test();
    });
  return {
    child,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    line(stream, pattern, ms = 10_000) {
      const match = typeof pattern === 'function' ? pattern : (l: string) => pattern.test(l);
      return until(`${stream} line matching ${pattern}`, () => out[stream].split('\n').slice(0, -1).find(match), ms);
    },
    write: (text) => child.stdin.write(text),
    endInput: () => child.stdin.end(),
    exited: (ms = 10_000) => until('exit', () => (code === undefined ? undefined : { code }), ms).then((r) => r.code),
    kill() {
      if (code === undefined) child.kill('SIGKILL');
    },
  };
}
