import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { alerter } from '../../tui/app/alerts.js';
import { until } from './helpers/ink.js';

/** The app's ways to get attention: the bell, and desktop notifications that strangers' text cannot subvert. */
describe('alerts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-alerts-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const capture = () => {
    const out: string[] = [];
    return { out, write: (s: string) => out.push(s) };
  };

  it('bell: BEL only, no notification text on the terminal', () => {
    const t = capture();
    alerter('bell', t)!('New chat: Grace');
    assert.deepEqual(t.out, ['\u0007']);
    assert.equal(alerter('off', t), undefined);
  });

  it('desktop: OSC 9 and OSC 777 with the text made harmless, and notify-send from PATH', async () => {
    const bin = join(dir, 'bin');
    const log = join(dir, 'notify-send.log');
    mkdirSync(bin);
    writeFileSync(join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s|' "$@" >> '${log}'\n`);
    chmodSync(join(bin, 'notify-send'), 0o755);

    const t = capture();
    const ring = alerter('desktop', t, { PATH: bin })!;
    // A visitor name that tries to end the sequence and set the window title.
    ring('New chat: Eve\u0007\u001b]0;pwned\u0007; rm -rf');
    const written = t.out.join('');
    assert.ok(written.startsWith('\u0007\u001b]9;New chat: Eve'), JSON.stringify(written));
    // Exactly the three BELs of our own: the bell and the two sequences' terminators.
    assert.equal(written.split('\u0007').length - 1, 3, JSON.stringify(written));
    assert.equal(written.split('\u001b').length - 1, 2, 'no escape of the visitor reaches the terminal');
    assert.match(written, /\u001b\]777;notify;Switchboard;New chat: Eve/);
    await until(() => {
      try {
        return readFileSync(log, 'utf8').includes('New chat: Eve');
      } catch {
        return false;
      }
    });
    const args = readFileSync(log, 'utf8').split('|');
    assert.deepEqual(args.slice(0, 2), ['--app-name=Switchboard', 'Switchboard']);
    assert.ok(!/[\u0000-\u001f]/.test(args[2]!), JSON.stringify(args[2]));
  });
});
