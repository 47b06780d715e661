import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorld, type World } from '../helpers/chat.js';
import { builtApp, hasTmux, sleep, Terminal } from './helpers/tmux.js';

const CLEAR_SCROLLBACK = '\u001b[3J';

/** The node process running the app in the pane (the child of the pane's shell). */
function appPid(t: Terminal): number {
  const shell = t.display('#{pane_pid}');
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', shell], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => /\bnode\b/.test(l));
  assert.ok(line, `no app process under the pane's shell: ${out}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/**
 * How the TUI draws in a real terminal: on the alternate screen (the scrollback is left as it was,
 * also after a signal), and a key press redraws only what changed, never clearing the scrollback.
 */
describe('drawing in a real terminal (tmux, 80×24)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let dir: string;
  const terminals: Terminal[] = [];
  const open = () => {
    const before = 'for i in $(seq 1 40); do echo "shell line $i"; done';
    const t = new Terminal({ server: world.t.url, columns: 80, rows: 24, before });
    terminals.push(t);
    return t;
  };

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['alice', 'bob']);
    dir = mkdtempSync(join(tmpdir(), 'switchboard-render-'));
  });

  after(async () => {
    for (const t of terminals) t.close();
    rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  it('a key press writes a few bytes, far fewer than a frame, and the scrollback is never cleared', async () => {
    const t = open();
    await t.waitScreen('agent login');
    assert.equal(t.display('#{alternate_on}'), '1', 'the app runs on the alternate screen');
    const out = join(dir, 'pane-output');
    t.tmux('pipe-pane', '-o', '-t', 'tui', `cat >> '${out}'`);
    await t.logIn('alice');
    await world.join('Grace').then((v) => world.startAndConnect(v));
    await t.waitScreen('type a message');
    // The first frames settle (the clock, the agent list) and the "New chat" notice expires (10 s):
    // a frame that changes by itself would make the repaint comparisons below race it.
    await t.waitScreen((s) => !s.includes('New chat: Grace'), 20_000);
    await sleep(500);
    const frame = t.screen(true).length;
    const sizes: number[] = [];
    for (const ch of 'hello') {
      const start = statSync(out).size;
      t.type(ch);
      await t.waitScreen(`> ${'hello'.slice(0, sizes.length + 1)}`);
      await sleep(300);
      sizes.push(statSync(out).size - start);
    }
    t.keys('M-Enter');
    t.type('second line');
    await t.waitScreen('  second line');
    await sleep(300);
    t.tmux('pipe-pane', '-t', 'tui');
    const written = readFileSync(out, 'latin1');
    // What was drawn line by line is what a whole new frame shows (^L repaints).
    const drawn = t.screen();
    assert.match(drawn, /chats 1\/5/);
    t.keys('C-l');
    await sleep(500);
    assert.equal(t.screen(), drawn, 'the screen drawn by changes equals a full repaint');
    // Resized down and back: still the frame a repaint draws.
    for (const [columns, rows] of [
      [40, 10],
      [80, 24],
    ]) {
      t.tmux('resize-window', '-t', 'tui', '-x', String(columns), '-y', String(rows));
      await sleep(800);
      const resized = t.screen();
      t.keys('C-l');
      await sleep(500);
      assert.equal(t.screen(), resized, `at ${columns}×${rows} the screen equals a full repaint`);
    }
    assert.ok(!written.includes(CLEAR_SCROLLBACK), 'no ESC[3J (erase scrollback) after start');
    assert.ok(!written.includes('\u001b[2J'), 'no full clear on a key press');
    for (const n of sizes) assert.ok(n < frame / 10, `a key press wrote ${n} bytes; a full frame is ${frame}`);
  });

  it('after quitting, the shell screen and its scrollback are as they were', async () => {
    const t = terminals[0]!;
    t.keys('C-c');
    await t.waitScreen('q quit anyway');
    t.type('q');
    await t.waitScreen('[exited 0]');
    assert.equal(t.display('#{alternate_on}'), '0');
    const history = t.tmux('capture-pane', '-p', '-S', '-', '-t', 'tui');
    for (const n of [1, 20, 40]) assert.ok(history.includes(`shell line ${n}\n`), `shell line ${n} is kept`);
    assert.ok(!history.includes('agent login') && !history.includes('Switchboard'), 'no frame left in the scrollback');
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${signal} to the app: it leaves the alternate screen and shows the cursor again`, async () => {
      const t = open();
      await t.waitScreen('agent login');
      process.kill(appPid(t), signal);
      await t.waitScreen('[exited');
      assert.equal(t.display('#{alternate_on}'), '0');
      assert.equal(t.display('#{cursor_flag}'), '1', 'the cursor is visible');
      assert.ok(t.screen().includes('shell line 40'));
    });
  }
});
