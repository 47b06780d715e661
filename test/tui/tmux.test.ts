import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../server/paths.js';
import { startWorld, type Visitor, type World } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import { builtApp, hasTmux, Terminal } from './helpers/tmux.js';

/**
 * The real TUI (bin/switchboard.js → dist/, built by `npm run build`) in a real terminal: tmux on
 * its own socket, 100×30, driven with send-keys and read with capture-pane, against a real server.
 */
const DEADLINE = 15_000;

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
  let term: Terminal;
  let titleBefore: string;
  const tmux = (...args: string[]) => term.tmux(...args);
  const screen = (escapes = false) => term.screen(escapes);
  const type = (text: string) => term.type(text);
  const keys = (...names: string[]) => term.keys(...names);
  const waitScreen = (what: string | ((s: string) => boolean)) => term.waitScreen(what);
  let grace: Visitor & { history: unknown };
  let ada: Visitor & { history: unknown };

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['alice', 'bob']);
    term = new Terminal({ server: world.t.url, columns: 100, rows: 30 });
    titleBefore = term.display('#{pane_title}');
  });

  after(async () => {
    term?.close();
    await world?.close();
  });

  it('logs in with the server prefilled; nothing but the token is remembered', async () => {
    await waitScreen('agent login');
    type('alice');
    keys('Enter');
    type('correct horse battery');
    keys('Enter');
    const s = await waitScreen((t) => t.includes('Waiting for visitors') && t.includes('● connected'));
    assert.match(s, /Alice Agent \(alice\)\s+● online/);
    const config = readFileSync(join(term.configDir, 'config.json'), 'utf8');
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

  it('asks before quitting while holding chats (^C); q quits anyway, with exit status 0', async () => {
    keys('C-c');
    await waitScreen('You hold 1 open chat: h hand them back (go offline) · q quit anyway · Esc stay');
    type('q');
    await waitScreen('[exited 0]');
  });
});
