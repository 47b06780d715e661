import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorld, type World } from '../helpers/chat.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { builtApp, hasTmux, Terminal } from './helpers/tmux.js';

const COLUMNS = 80;
const ROWS = 24;

/**
 * The inbox in a real terminal at 80×24 against the real server: a visitor leaves a message over
 * HTTP, the header's count shows it live, the agent opens the inbox (^B), replies, the reply
 * reaches a real SMTP server, and the count goes down.
 */
describe('the inbox (tmux, 80×24)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let term: Terminal;
  let smtp: TestSmtp;

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    smtp = await startTestSmtp();
    world = await startWorld(['alice'], { smtpUrl: smtp.url });
    term = new Terminal({ server: world.t.url, columns: COLUMNS, rows: ROWS });
  });

  after(async () => {
    term?.close();
    await world?.close();
    await smtp?.close();
  });

  /** Every row within the pane (tmux wraps a wider one), the header on the first. */
  function assertLaidOut(): string[] {
    let rows: string[] = [];
    let joined: string[] = [];
    for (let tries = 0; tries < 10; tries++) {
      rows = term.rows();
      joined = term.tmux('capture-pane', '-p', '-J', '-t', 'tui').replace(/\n$/, '').split('\n');
      if (term.rows().join('\n') === rows.join('\n')) break;
    }
    assert.equal(rows.length, ROWS);
    const wrapped = rows.filter((r, i) => (joined[i] ?? '').trimEnd() !== r.trimEnd());
    assert.deepEqual(wrapped, [], `rows wider than ${COLUMNS} columns:\n${rows.join('\n')}`);
    assert.match(rows[0]!, /^ Switchboard /, `the header is on the first row:\n${rows.join('\n')}`);
    return rows;
  }

  it('a left message shows live in the header; the reply from the inbox is e-mailed; the count drops', async () => {
    await term.logIn('alice');
    await term.waitScreen((s) => /inbox 0/.test(s));
    const left = await world.t.api('POST', '/api/offline-messages', {
      body: {
        name: 'Ada 李',
        email: 'ada@example.test',
        body: 'My invoice is wrong.\nIt says 12 instead of 10.',
        page: { url: 'https://shop.example.test/billing', title: 'Billing' },
      },
      headers: { 'x-forwarded-for': '10.9.0.1' },
    });
    assert.equal(left.status, 201, JSON.stringify(left.body));
    await term.waitScreen((s) => /inbox 1/.test(s) && s.includes('Ada 李 left a message: ^B opens the inbox'));
    assertLaidOut();

    term.keys('C-b');
    let screen = await term.waitScreen('It says 12 instead of 10.');
    assert.match(screen, /Inbox \(1 open\)/);
    assert.match(screen, /▸● Ada 李/);
    assert.match(screen, /left \d\d:\d\d \(just now\) · open/);
    assert.match(screen, /page: Billing\s[\s│]*https:\/\/shop\.example\.test\/billing/);
    assertLaidOut();

    const before = smtp.received.length;
    term.keys('r');
    await term.waitScreen('Reply to ada@example.test');
    term.type('Sorry, Ada: fixed.');
    term.keys('M-Enter');
    term.type('The new invoice says 10.');
    assertLaidOut();
    term.keys('Enter');
    screen = await term.waitScreen((s) => s.includes('Replied to Ada 李 by e-mail') && /inbox 0/.test(s));
    assert.match(screen, /↳ reply by Alice Agent/);
    assert.match(screen, /· answered/);
    const mail = (await smtp.waitFor(before + 1))[before]!;
    assert.deepEqual(mail.to, ['ada@example.test']);
    assert.match(mail.text, /Sorry, Ada: fixed\.\r?\nThe new invoice says 10\./);
    assertLaidOut();

    term.keys('Escape');
    await term.waitScreen((s) => s.includes('Waiting for visitors') && /inbox 0/.test(s));
  });
});
