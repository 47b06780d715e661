import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../server/paths.js';
import { startWorld, type Visitor, type World } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';

/**
 * The real TUI (bin/switchboard.js → dist/, built by `npm run build`) in a real terminal: tmux on
 * its own socket, 100×30, driven with send-keys and read with capture-pane, against a real server.
 */
const TMUX = '/usr/bin/tmux';
const BIN = join(PROJECT_ROOT, 'bin/switchboard.js');
const hasTmux = existsSync(TMUX);
const DEADLINE = 15_000;

const socketName = `sb-tui-${process.pid}-${Date.now().toString(36)}`;
const tmux = (...args: string[]) =>
  execFileSync(TMUX, ['-L', socketName, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const screen = (escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'tui');
const type = (text: string) => tmux('send-keys', '-t', 'tui', '-l', text);
const keys = (...names: string[]) => tmux('send-keys', '-t', 'tui', ...names);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the screen until it shows `what` (text or test), or fails with the last screen. */
async function waitScreen(what: string | ((s: string) => boolean), ms = DEADLINE): Promise<string> {
  const ok = typeof what === 'string' ? (s: string) => s.includes(what) : what;
  const deadline = Date.now() + ms;
  let last = '';
  for (;;) {
    last = screen();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(what)}; it shows:\n${last}`);
    await sleep(100);
  }
}

/** Writes a captured screen for the README, unless only the clock times differ from the stored one. */
function saveScreenshot(path: string, captured: string): void {
  const file = join(PROJECT_ROOT, path);
  const text = captured.replace(/[ \t]+$/gm, '').replace(/\n+$/, '\n');
  const timeless = (t: string) => t.replace(/\d\d:\d\d/g, 'HH:MM');
  if (existsSync(file) && timeless(readFileSync(file, 'utf8')) === timeless(text)) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('the TUI in a real terminal (tmux)', { skip: !hasTmux && 'tmux is not installed', concurrency: false }, () => {
  let world: World;
  let configDir: string;
  let titleBefore: string;
  let grace: Visitor & { history: unknown };
  let ada: Visitor & { history: unknown };

  before(async () => {
    assert.ok(
      existsSync(join(PROJECT_ROOT, 'dist/tui/cli/main.js')),
      'run `npm run build` first (the test runs the built bin/switchboard.js)',
    );
    world = await startWorld(['alice', 'bob']);
    configDir = mkdtempSync(join(tmpdir(), 'switchboard-tui-'));
    // CI=… makes Ink print only the last frame; the app must draw like on any terminal.
    const app = [
      'env -u CI -u CONTINUOUS_INTEGRATION',
      `SWITCHBOARD_CONFIG_DIR='${configDir}'`,
      `'${process.execPath}' '${BIN}' tui --no-bell --server '${world.t.url}'`,
    ].join(' ');
    // The shell keeps the pane open after the app exits, so its exit status can be read.
    tmux('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '30', `${app}; echo "[exited $?]"; sleep 600`);
    titleBefore = tmux('display', '-p', '-t', 'tui', '#{pane_title}').trim();
  });

  after(async () => {
    try {
      tmux('kill-server');
    } catch {
      /* already gone */
    }
    await world?.close();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('logs in with the server prefilled; nothing but the token is remembered', async () => {
    await waitScreen('agent login');
    type('alice');
    keys('Enter');
    type('correct horse battery');
    keys('Enter');
    const s = await waitScreen((t) => t.includes('Waiting for visitors') && t.includes('● connected'));
    assert.match(s, /Alice Agent \(alice\)\s+● online/);
    const config = execFileSync('cat', [join(configDir, 'config.json')], { encoding: 'utf8' });
    assert.match(config, /"username": "alice"/);
    assert.ok(!config.includes('horse'), 'the password is never stored');
  });

  it('receives a chat from a visitor and replies; the visitor gets the reply', async () => {
    grace = await world.join('Grace').then((v) => world.startAndConnect(v));
    record(grace.socket!);
    await waitScreen('New chat: Grace');
    await emitAck(grace.socket!, 'chat:send', { body: 'Hi, my order #1234 is late' });
    await waitScreen('Grace → Alice Agent: Hi, my order #1234 is late');

    type('Sorry about that, Grace! Let me check.');
    keys('Enter');
    const reply = await eventually(grace.socket!, 'chat:message', (m: any) => m.from.role === 'agent', DEADLINE);
    assert.equal(reply.body, 'Sorry about that, Grace! Let me check.');
    assert.equal(reply.from.username, 'alice');
    assert.equal(reply.to.name, 'Grace');
    await waitScreen('Alice Agent → Grace: Sorry about that, Grace! Let me check.');
  });

  it('shows a second chat as unread, and that screen is the README screenshot', async () => {
    ada = await world.join('Ada').then((v) => world.startAndConnect(v));
    await emitAck(ada.socket!, 'chat:send', { body: 'Hello! Are you open on Sunday?' });
    const s = await waitScreen((t) => /●1 Ada/.test(t));
    assert.match(s, /Chats \(2\)/);
    assert.match(s, /▸ +Grace/);
    saveScreenshot('docs/screenshots/tui-main.txt', s);
  });

  it('transfers a chat to a second agent who is online', async () => {
    const bob = await world.agentOnline('bob');
    record(bob.socket);
    keys('C-t');
    await waitScreen('Transfer the chat with Grace to:');
    type('bob');
    await waitScreen((t) => /agent: bob/.test(t));
    keys('Enter');
    await waitScreen('Transferred the chat with Grace to bob');
    const assigned = await eventually(bob.socket, 'chat:assigned', (p: any) => p.chatId === grace.chatId, DEADLINE);
    assert.equal(assigned.reason, 'transfer');
    assert.ok(
      assigned.transcript.some((m: any) => m.body === 'Sorry about that, Grace! Let me check.'),
      'the full transcript travels',
    );
    const agent = await eventually(grace.socket!, 'chat:agent', () => true, DEADLINE);
    assert.equal(agent.name, 'Bob Agent');
    const s = await waitScreen('Chats (1)');
    assert.match(s, /▸○? +Ada/, 'the remaining chat is selected');
  });

  it('ends a chat after confirmation; the visitor is told', async () => {
    record(ada.socket!);
    keys('C-x');
    await waitScreen('End the chat with Ada? [y/N]');
    type('y');
    const ended = await eventually(ada.socket!, 'chat:ended', () => true, DEADLINE);
    assert.equal(ended.by, 'agent');
    await waitScreen('ended by agent');
  });

  it('shows escape sequences from a visitor as text: no colour, no title change', async () => {
    const refused = await world.t.api('POST', '/api/queue', {
      body: { name: '\u001b[31mEvil' },
      headers: { 'x-forwarded-for': '10.9.9.9' },
    });
    assert.equal(refused.status, 400, 'the server already refuses control characters in names');
    const mallory = await world.join('Mallory\u202egnp.exe').then((v) => world.startAndConnect(v));
    await emitAck(mallory.socket!, 'chat:send', { body: '\u001b[31mEvil\u001b]0;pwned\u0007 and \u001b[2J' });
    await waitScreen('Chats (2)');
    keys('Tab');
    const s = await waitScreen('\\u001b[31mEvil\\u001b]0;pwned\\u0007');
    assert.ok(s.includes('Mallory\\u202egnp.exe'), 'the bidi override is shown as an escape');
    const raw = screen(true);
    assert.ok(!raw.includes('\u001b[31m'), 'no red from the visitor reaches the terminal');
    assert.ok(!raw.includes('\u001b]'), 'no OSC sequence reaches the terminal');
    assert.equal(
      tmux('display', '-p', '-t', 'tui', '#{pane_title}').trim(),
      titleBefore,
      'the window title is unchanged',
    );
  });

  it('quits on ^C with exit status 0', async () => {
    keys('C-c');
    await waitScreen('[exited 0]');
  });
});
