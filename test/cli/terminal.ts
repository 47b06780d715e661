import { spawn } from 'node:child_process';
import { BIN } from './run-cli.js';

/** The environment of a child: no SWITCHBOARD_* from the shell running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SWITCHBOARD_')) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** `switchboard …args` run in `cwd` (where ./data is looked for), without a terminal. */
export function runIn(
  cwd: string,
  args: string[],
  o: { input?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(o.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(o.input ?? '');
  });
}

export interface TerminalRun {
  /** Waits until the terminal shows `pattern` after what was already waited for; rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** Types on the keyboard (`\r` is Enter). */
  type(keys: string): void;
  /** Resolves with the exit code. */
  exited(ms?: number): Promise<number | null>;
  /** Everything the terminal showed (stdout and stderr together, as a person sees them). */
  screen(): string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `switchboard …args` on a real terminal (a pty made by script(1)), for the questions it asks a person. */
export function onTerminal(cwd: string, args: string[], env: Record<string, string> = {}): TerminalRun {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: cleanEnv(env), stdio: 'pipe' });
  let out = '';
  let seen = 0;
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    for (const w of waiters) w();
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    waitFor(pattern, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out.slice(seen));
          if (!m) return;
          seen += m.index + m[0].length;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the terminal did not show ${pattern} within ${ms} ms:\n${out}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    type: (keys) => child.stdin.write(keys),
    exited(ms = 10_000) {
      const timer = setTimeout(() => child.kill(), ms);
      return exit.finally(() => clearTimeout(timer));
    },
    screen: () => out,
  };
}
