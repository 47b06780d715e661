/** Scenario 6 (`switchboard --help`) and the TUI's first screen. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BIN, ROOT, track } from '../lib/processes.js';
import { median, round } from '../lib/stats.js';
import type { Ctx } from './context.js';

function timeRun(
  args: string[],
  o: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<{ ms: number; code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = track(
      spawn(process.execPath, args, {
        cwd: ROOT,
        env: o.env ?? process.env,
        stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      }),
    );
    if (o.input !== undefined) child.stdin!.end(o.input);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b));
    child.stderr!.on('data', (b: Buffer) => (out += b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, code, out });
    });
  });
}

/** Median wall time of `node bin/switchboard.js --help` (a fresh process each time). */
export async function runCliHelp(ctx: Ctx): Promise<{ cliHelpMs: number; runsMs: number[] }> {
  const runsMs: number[] = [];
  for (let i = 0; i < ctx.profile.cli.helpRuns; i++) {
    const r = await timeRun([BIN, '--help']);
    if (r.code !== 0 || !/Usage: switchboard/.test(r.out))
      throw new Error(`switchboard --help failed (${r.code}):\n${r.out}`);
    runsMs.push(round(r.ms, 1));
  }
  const cliHelpMs = round(median(runsMs), 1);
  ctx.log(`cli: switchboard --help ${cliHelpMs} ms (median of ${runsMs.length})`);
  return { cliHelpMs, runsMs };
}

export interface TuiResult {
  tuiFirstScreenMs: number | null;
  tuiReadyMs?: number | null;
  note: string;
  firstText?: string;
  screen?: string;
}

// CSI / OSC / other escape sequences, so only visible text counts as a screen.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\x1b[=>78DEHMNOc]/g;

/**
 * Time from spawning `switchboard tui` (FORCE_COLOR=0, a session remembered by `switchboard login`
 * in a temporary config dir, so it opens on the agent's screen) until it prints visible text, and
 * until its output settles. Run under `script` for a pseudo-terminal when present (Ink wants a TTY
 * for raw keyboard input), else with plain pipes.
 */
export async function measureTui(url: string, username: string, password: string, ctx: Ctx): Promise<TuiResult> {
  const help = await timeRun([BIN, '--help']);
  if (!/^\s+tui\b/m.test(help.out)) {
    const note = '`switchboard tui` does not exist yet (not listed by --help); skipped';
    ctx.log(`tui: ${note}`);
    return { tuiFirstScreenMs: null, note };
  }
  const configDir = await ctx.tempDir('tui-config'); // never the user's own saved session
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FORCE_COLOR: '0',
    SWITCHBOARD_CONFIG_DIR: configDir,
    COLUMNS: '120',
    LINES: '40',
    TERM: 'xterm-256color',
  };
  delete env.CI;
  delete env.SWITCHBOARD_TOKEN;
  delete env.SWITCHBOARD_SERVER;
  const login = await timeRun([BIN, 'login', '--server', url, '--username', username, '--password-stdin'], {
    env,
    input: `${password}\n`,
  });
  if (login.code !== 0)
    return {
      tuiFirstScreenMs: null,
      note: `switchboard login failed (${login.code}): ${login.out.trim().slice(0, 200)}`,
    };
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} tui`;
  const pty = existsSync('/usr/bin/script');
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = track(
      pty
        ? spawn('/usr/bin/script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] })
        : spawn(process.execPath, [BIN, 'tui'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] }),
    );
    let out = '';
    let first: { ms: number; text: string } | undefined;
    let lastDataAt = 0;
    let lastChunk = '';
    let done = false;
    const how = pty ? 'pseudo-terminal via script(1)' : 'plain pipes';
    const finish = (r: TuiResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(quiet);
      child.kill('SIGKILL');
      ctx.log(`tui: first screen ${r.tuiFirstScreenMs ?? '-'} ms, settled ${r.tuiReadyMs ?? '-'} ms (${r.note})`);
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        finish(
          first
            ? {
                tuiFirstScreenMs: first.ms,
                tuiReadyMs: null,
                note: `${how}; still changing after 10 s`,
                firstText: first.text,
              }
            : {
                tuiFirstScreenMs: null,
                tuiReadyMs: null,
                note: 'no visible output within 10 s',
                firstText: out.replace(ANSI, '').slice(0, 200),
              },
        ),
      10_000,
    );
    // Settled: 300 ms without output after a screen that is not a "connecting" placeholder.
    const quiet = setInterval(() => {
      if (first && performance.now() - lastDataAt > 300 && !/connecting/i.test(lastChunk)) {
        finish({
          tuiFirstScreenMs: first.ms,
          tuiReadyMs: round(lastDataAt - t0, 1),
          note: how,
          firstText: first.text,
          screen: out.replace(ANSI, '').replace(/\s+\n/g, '\n').slice(-600),
        });
      }
    }, 50);
    const onData = (b: Buffer) => {
      out += b.toString();
      const visible = b.toString().replace(ANSI, '').trim();
      if (!visible) return;
      lastDataAt = performance.now();
      lastChunk = visible;
      first ??= { ms: round(lastDataAt - t0, 1), text: visible.slice(0, 200) };
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      finish(
        first
          ? { tuiFirstScreenMs: first.ms, tuiReadyMs: null, note: `${how}; exited with ${code}`, firstText: first.text }
          : {
              tuiFirstScreenMs: null,
              tuiReadyMs: null,
              note: `exited with ${code} before printing`,
              firstText: out.slice(0, 200),
            },
      ),
    );
  });
}
