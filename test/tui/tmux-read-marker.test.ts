import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorld, type World } from '../helpers/chat.js';
import { builtApp, hasTmux, Terminal } from './helpers/tmux.js';

/**
 * The agent-message unread count is the server's (a read marker per account): messages that came
 * while the TUI was closed count as unread when it starts, and what was read stays read after a
 * restart, here and in `switchboard messages list`.
 */
describe('agent messages read across TUI restarts (tmux)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let configDir: string;
  const terminals: Terminal[] = [];

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['bob', 'carol']);
    configDir = mkdtempSync(join(tmpdir(), 'switchboard-read-'));
  });

  after(async () => {
    for (const t of terminals) t.close();
    rmSync(configDir, { recursive: true, force: true });
    await world?.close();
  });

  const open = () => {
    const t = new Terminal({ server: world.t.url, columns: 100, rows: 30, configDir });
    terminals.push(t);
    return t;
  };
  const header = (t: Terminal) => t.rows()[0]!;
  const send = async (token: string, body: string) => {
    const res = await world.t.api('POST', '/api/agent-messages', { token, body: { to: 'bob', body } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  };

  it('unread while away, read once opened, still read after a restart', async () => {
    const carol = await world.t.login('carol');
    await send(carol, 'Can you take the 3pm shift?');
    await send(carol, 'Or the 4pm one.');

    let t = open();
    await t.logIn('bob');
    await t.waitScreen(() => /✉ 2/.test(header(t)));

    t.keys('C-g');
    await t.waitScreen('Or the 4pm one.');
    await t.waitScreen(() => /✉ 0/.test(header(t)));
    // The server's marker has moved: what another session (or the CLI) sees.
    const bob = t.readConfig().token!;
    await waitFor(async () => (await world.t.api('GET', '/api/agent-messages', { token: bob })).body.unread === 0);

    t.keys('C-c');
    await t.waitScreen('[exited 0]');
    t.close();

    await send(carol, 'Never mind, sorted.');
    t = open();
    await t.waitScreen((s) => s.includes('Waiting for visitors') && s.includes('● connected'));
    await t.waitScreen(() => /✉ 1/.test(header(t)));
    assert.match(header(t), /✉ 1/, 'only the message that came after the restart is unread');
  });
});

async function waitFor(ok: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('never became true');
    await new Promise((r) => setTimeout(r, 100));
  }
}
