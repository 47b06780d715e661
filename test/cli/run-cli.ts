import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The real binary, as a user runs it (built by `npm run build`). */
export const BIN = resolve(import.meta.dirname, '../../bin/switchboard.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One identity on the command line: its own config directory (SWITCHBOARD_CONFIG_DIR). */
export interface CliUser {
  configDir: string;
  /** Runs `switchboard …args` with this config directory; `input` goes to standard input. */
  run(args: string[], o?: { input?: string; env?: Record<string, string> }): Promise<CliResult>;
  /** The parsed config file, and its mode bits. */
  config(): Promise<{ json: Record<string, unknown>; raw: string; mode: number }>;
  remove(): Promise<void>;
}

/** The environment of the child: no SWITCHBOARD_* leaks in from the shell running the tests. */
function childEnv(configDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SWITCHBOARD_')) env[k] = v;
  return {
    ...env,
    HOME: configDir,
    XDG_CONFIG_HOME: join(configDir, 'xdg'),
    NO_COLOR: '1',
    SWITCHBOARD_CONFIG_DIR: configDir,
    ...extra,
  };
}

export function runCli(
  args: string[],
  o: { configDir: string; input?: string; env?: Record<string, string> },
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: childEnv(o.configDir, o.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // the command may exit before reading its input
    child.stdin.end(o.input ?? '');
  });
}

export async function cliUser(): Promise<CliUser> {
  const configDir = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
  const file = join(configDir, 'config.json');
  return {
    configDir,
    run: (args, o = {}) => runCli(args, { configDir, ...o }),
    async config() {
      const raw = await readFile(file, 'utf8');
      return { json: JSON.parse(raw) as Record<string, unknown>, raw, mode: (await stat(file)).mode & 0o777 };
    },
    remove: () => rm(configDir, { recursive: true, force: true }),
  };
}

/** Parses stdout of a --json run, with the whole result in the message when it is not JSON. */
export function json<T = any>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON: ${JSON.stringify(r)}`);
  }
}

/** stderr is exactly one line. */
export function oneLine(r: CliResult): string {
  const lines = r.stderr.split('\n').filter(Boolean);
  if (lines.length !== 1) throw new Error(`expected one stderr line, got ${JSON.stringify(r)}`);
  return lines[0]!;
}
