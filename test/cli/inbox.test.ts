import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, PASSWORD, type TestServer } from '../helpers/server.js';
import { cliUser, json, oneLine, type CliUser } from './run-cli.js';

const HOSTILE = 'Help \x1b[2J\x1b]0;pwned\x07 please';

describe('switchboard inbox list / show / reply / close', () => {
  let t: TestServer;
  let alice: CliUser;
  let ids: { first: string; second: string };
  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root');
    await t.createAgent(await t.login('root'), 'alice', undefined, 'Alice Agent');
    alice = await cliUser();
    const r = await alice.run(['login', '--server', t.url, '--username', 'alice', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(r.code, 0, r.stderr);
    const leave = async (name: string, body: string, lang = 'en') =>
      (
        await t.api('POST', '/api/offline-messages', {
          body: { name, email: `${name.toLowerCase()}@example.test`, body, page: { url: 'https://shop.test/cart' } },
          headers: { 'accept-language': lang },
        })
      ).body.id as string;
    ids = { first: await leave('Grete', `${HOSTILE}\nsecond line`, 'de'), second: await leave('Ada', 'Where is it?') };
  });
  after(async () => {
    await alice.remove();
    await t.close();
  });

  test('list: a table of open messages, newest first; --json; --status', async () => {
    const table = await alice.run(['inbox', 'list']);
    assert.equal(table.code, 0, table.stderr);
    const rows = table.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    assert.deepEqual(rows[0], ['ID', 'FROM', 'EMAIL', 'LEFT', 'STATUS', 'MESSAGE']);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]]),
      [
        [ids.second, 'Ada', 'ada@example.test', 'open'],
        [ids.first, 'Grete', 'grete@example.test', 'open'],
      ],
    );
    assert.doesNotMatch(table.stdout, /\x1b/, 'control sequences from visitors are neutralised');
    const asJson = json(await alice.run(['inbox', 'list', '--json']));
    assert.deepEqual(
      asJson.messages.map((m: { id: string }) => m.id),
      [ids.second, ids.first],
    );
    assert.equal(asJson.messages[1].body, `${HOSTILE}\nsecond line`, '--json keeps the text as it is');
    const none = await alice.run(['inbox', 'list', '--status', 'closed']);
    assert.equal(none.stdout.trim(), 'no closed messages');
  });

  test('show, reply (words or stdin) e-mails the visitor, close; unknown ids fail with one line', async () => {
    const show = await alice.run(['inbox', 'show', ids.first]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(
      show.stdout,
      /^message \S+ from Grete <grete@example\.test>, left .*, open\npage: https:\/\/shop\.test\/cart\n/,
    );
    assert.match(show.stdout, /\n {2}second line\n$/);

    const reply = await alice.run(['inbox', 'reply', ids.first, 'Ist', 'unterwegs.']);
    assert.equal(reply.code, 0, reply.stderr);
    assert.equal(reply.stdout.trim(), 'replied to Grete <grete@example.test> by e-mail');
    const outbox = join(t.dataDir, 'outbox');
    const mails = readdirSync(outbox).filter((f) => f.includes('grete'));
    assert.equal(mails.length, 1);
    const mail = readFileSync(join(outbox, mails[0]!), 'utf8');
    assert.match(mail, /^To: grete@example\.test$/m);
    assert.match(mail, /^Subject: Re: Ihre Nachricht an unser Support-Team$/m);
    assert.match(mail, /Ist unterwegs\./);

    const fromStdin = await alice.run(['inbox', 'reply', ids.second, '-', '--json'], { input: 'Line one\nLine two\n' });
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    const answered = json(fromStdin).message;
    assert.equal(answered.status, 'answered');
    assert.equal(answered.replies[0].body, 'Line one\nLine two');
    assert.deepEqual(answered.replies[0].by, { username: 'alice', name: 'Alice Agent' });

    const close = await alice.run(['inbox', 'close', ids.first]);
    assert.equal(close.code, 0, close.stderr);
    assert.equal(close.stdout.trim(), `closed message ${ids.first}`);
    const closed = json(await alice.run(['inbox', 'list', '--status', 'closed', '--json'])).messages;
    assert.deepEqual(
      closed.map((m: { id: string }) => m.id),
      [ids.first],
    );
    const again = await alice.run(['inbox', 'reply', ids.first, 'more']);
    assert.equal(again.code, 1);
    assert.match(oneLine(again), /closed; it takes no more replies/);

    const unknown = await alice.run(['inbox', 'close', 'nope']);
    assert.equal(unknown.code, 1);
    assert.match(oneLine(unknown), /No message with id "nope"/);
    const empty = await alice.run(['inbox', 'reply', ids.second, '-'], { input: '\n' });
    assert.equal(empty.code, 2);
  });
});
