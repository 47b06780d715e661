import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import stringWidth from 'string-width';
import { startWorld, type World } from '../helpers/chat.js';
import { builtApp, hasTmux, Terminal } from './helpers/tmux.js';

/** The admin screen in a wide terminal (200×50), as an admin sees it. */
describe('the admin screen at 200 columns (tmux)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let term: Terminal;

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['bob', 'carol']);
    // A second admin who is logged in (online) but has no live connection (not routable).
    await world.t.createAdmin('boss', undefined, 'Big Boss');
    await world.t.login('boss');
    term = new Terminal({ server: world.t.url, columns: 200, rows: 50 });
  });

  after(async () => {
    term?.close();
    await world?.close();
  });

  it('the columns keep together with sensible widths, e-mail included', async () => {
    await term.logIn('root');
    term.keys('C-y');
    const s = await term.waitScreen((t) => t.includes('USERNAME') && t.includes('carol@example.test'));
    const lines = s.split('\n');
    const header = lines.find((l) => l.includes('USERNAME'))!;
    const col = (title: string) => stringWidth(header.slice(0, header.indexOf(title)));
    assert.ok(col('E-MAIL') > col('NAME') && col('STATUS') > col('E-MAIL'), header);
    assert.ok(col('ROLE') < 120, `the columns are spread over the whole width:\n${header}`);
    const bob = lines.find((l) => / bob +Bob Agent/.test(l))!;
    assert.match(bob, /bob +Bob Agent +bob@example\.test +○ offline +no +0\/5 +agent/);
  });

  it('an admin online but not connected is not shown with a green ●', async () => {
    const raw = term.screen(true).split('\n');
    const boss = raw.find((l) => l.includes('Big Boss'))!;
    assert.match(boss.replace(/\u001b\[[0-9;]*m/g, ''), /boss +Big Boss +○ online +no/);
    assert.ok(!boss.includes('\u001b[32m'), `green on the row: ${JSON.stringify(boss)}`);
    const root = raw.find((l) => l.startsWith('│') && l.includes('Admin root'))!;
    assert.ok(root.includes('\u001b[32m●'), 'the admin using the app is online and connected: green ●');
  });

  it('pending invites are listed under the agents; one is revoked after confirmation', async () => {
    for (const [username, name] of [
      ['erin', 'Erin New'],
      ['fred', 'Fred New'],
    ]) {
      const body = { username, name, email: `${username}@example.test` };
      const res = await world.t.api('POST', '/api/admin/invites', { token: world.adminToken, body });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    term.keys('r');
    await term.waitScreen(
      (s) => s.includes('Pending invites (2)') && /erin +Erin New +erin@example\.test +root/.test(s),
    );
    term.keys('Tab', 'd');
    await term.waitScreen('Revoke the invite for erin?');
    term.keys('y');
    await term.waitScreen((s) => s.includes('Pending invites (1)') && !s.includes('Erin New'));
    const left = await world.t.api('GET', '/api/admin/invites', { token: world.adminToken });
    assert.deepEqual(
      left.body.invites.map((i: { username: string }) => i.username),
      ['fred'],
    );
  });
});
