import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorld, type World } from '../helpers/chat.js';
import { emitAck } from '../helpers/sockets.js';
import { builtApp, hasTmux, sleep, Terminal } from './helpers/tmux.js';

/**
 * `switchboard tui --notify desktop --remind-every 2`: a new chat and then the reminder of a visitor
 * still waiting reach the desktop (notify-send, here a script on PATH that records its arguments),
 * and the choice is remembered in the config for the next runs.
 */
describe('desktop alerts and reminders (tmux)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let term: Terminal;
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-notify-'));
  const log = join(dir, 'notified.log');

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'notify-send'), `#!/bin/sh\necho "$3" >> '${log}'\n`);
    chmodSync(join(dir, 'bin', 'notify-send'), 0o755);
    world = await startWorld(['alice']);
    term = new Terminal({
      server: world.t.url,
      columns: 100,
      rows: 30,
      before: `export PATH='${join(dir, 'bin')}':"$PATH"`,
      flags: '--notify desktop --remind-every 2',
    });
  });

  after(async () => {
    term?.close();
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const notified = () => {
    try {
      return readFileSync(log, 'utf8');
    } catch {
      return '';
    }
  };

  it('a new chat, then "has waited … for a reply" until answered; the setting is remembered', async () => {
    await term.logIn('alice');
    const v = await world.join('Grace').then((x) => world.startAndConnect(x));
    await emitAck(v.socket!, 'chat:send', { body: 'Is anyone there?' });
    await term.waitScreen('Is anyone there?');
    for (let i = 0; i < 100 && !/New chat: Grace/.test(notified()); i++) await sleep(100);
    assert.match(notified(), /New chat: Grace/);
    for (let i = 0; i < 100 && !/Grace has waited .+ for a reply/.test(notified()); i++) await sleep(100);
    assert.match(notified(), /Grace has waited .+ for a reply/);

    term.type('Yes, how can I help?');
    term.keys('Enter');
    await term.waitScreen('Alice Agent → Grace: Yes, how can I help?');
    await sleep(500);
    const before = notified().split('\n').length;
    await sleep(3000);
    assert.equal(notified().split('\n').length, before, 'no reminder once answered');
    assert.deepEqual(
      { notify: term.readConfig().notify, remindEvery: term.readConfig().remindEvery },
      { notify: 'desktop', remindEvery: '2' },
    );
  });
});
