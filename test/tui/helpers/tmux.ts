import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../server/paths.js';

/**
 * The real TUI (bin/switchboard.js → dist/, built by `npm run build`) in a real terminal: tmux on
 * a socket of its own, driven with send-keys and read with capture-pane.
 */
export const TMUX = '/usr/bin/tmux';
export const hasTmux = existsSync(TMUX);
/** SWITCHBOARD_TEST_BIN runs another build (e.g. an older one, to see a test fail without a fix). */
export const BIN = process.env.SWITCHBOARD_TEST_BIN ?? join(PROJECT_ROOT, 'bin/switchboard.js');
export const builtApp = () => existsSync(join(BIN, '../../dist/tui/cli/main.js'));
const DEADLINE = 15_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TerminalOptions {
  server: string;
  columns: number;
  rows: number;
  /** Shell commands run in the pane before the app (e.g. to fill the scrollback). */
  before?: string;
  /** A config dir to use (else a new temp one, removed by `close`). */
  configDir?: string;
  /** Flags for `switchboard tui` (default: --no-bell). */
  flags?: string;
}

/** One tmux server with one pane running `switchboard tui`; the shell keeps the pane after the app exits. */
export class Terminal {
  readonly configDir: string;
  private readonly socket = `sb-tui-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly ownConfigDir: boolean;

  constructor(o: TerminalOptions) {
    this.ownConfigDir = !o.configDir;
    this.configDir = o.configDir ?? mkdtempSync(join(tmpdir(), 'switchboard-tui-'));
    // CI=… makes Ink print only the last frame; the app must draw like on any terminal.
    const app = [
      'env -u CI -u CONTINUOUS_INTEGRATION',
      `SWITCHBOARD_CONFIG_DIR='${this.configDir}'`,
      `'${process.execPath}' '${BIN}' tui ${o.flags ?? '--no-bell'} --server '${o.server}'`,
    ].join(' ');
    const script = `${o.before ? `${o.before}; ` : ''}${app}; echo "[exited $?]"; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'tui', '-x', String(o.columns), '-y', String(o.rows), script);
  }

  tmux(...args: string[]): string {
    return execFileSync(TMUX, ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** What the pane shows (with `escapes`, its colours too). */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'tui');
  }

  /** The pane's rows, exactly as many as it has (capture-pane drops trailing blank ones). */
  rows(): string[] {
    const height = Number(this.display('#{pane_height}'));
    const lines = this.screen().replace(/\n$/, '').split('\n');
    while (lines.length < height) lines.push('');
    return lines;
  }

  /** A tmux format of the pane, e.g. `#{alternate_on}`. */
  display(format: string): string {
    return this.tmux('display', '-p', '-t', 'tui', format).trim();
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'tui', '-l', text);
  }

  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', 'tui', ...names);
  }

  /** Polls the screen until it shows `what` (text or test), or fails with the last screen. */
  async waitScreen(what: string | ((s: string) => boolean), ms = DEADLINE): Promise<string> {
    const ok = typeof what === 'string' ? (s: string) => s.includes(what) : what;
    const deadline = Date.now() + ms;
    for (;;) {
      const last = this.screen();
      if (ok(last)) return last;
      if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(what)}; it shows:\n${last}`);
      await sleep(100);
    }
  }

  /** Logs in on the login screen (server prefilled) and waits for the chats screen. */
  async logIn(username: string, password = 'correct horse battery'): Promise<string> {
    await this.waitScreen('agent login');
    this.type(username);
    this.keys('Enter');
    this.type(password);
    this.keys('Enter');
    return this.waitScreen((t) => t.includes('Waiting for visitors') && t.includes('● connected'));
  }

  /** Writes the config the CLI keeps (as `switchboard login` would), before the app starts. */
  static writeConfig(dir: string, config: { server: string; username: string; token: string }): void {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  }

  readConfig(): Record<string, string> {
    const file = join(this.configDir, 'config.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone */
    }
    if (this.ownConfigDir) rmSync(this.configDir, { recursive: true, force: true });
  }
}
