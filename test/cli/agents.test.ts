import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { cliUser, json, oneLine, type CliUser } from './run-cli.js';

/** The invite token from a register link (`…/register#token=…`). */
const tokenOf = (registerUrl: string) => new URL(registerUrl).hash.replace('#token=', '');

describe('switchboard agents / register / messages', () => {
  let t: TestServer;
  let admin: CliUser;
  let alice: CliUser;
  let bob: CliUser;
  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root', PASSWORD, 'Root Admin');
    [admin, alice, bob] = await Promise.all([cliUser(), cliUser(), cliUser()]);
    const r = await admin.run(['login', '--server', t.url, '--username', 'root', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    await Promise.all([admin.remove(), alice.remove(), bob.remove()]);
    await t.close();
  });

  test('invite → register with the token → login as the new agent', async () => {
    const inv = await admin.run(['agents', 'invite', 'alice', '--name', 'Alice A', '--email', 'alice@example.test']);
    assert.equal(inv.code, 0, inv.stderr);
    const link = inv.stdout.match(/^register link: (\S+)$/m)?.[1];
    assert.ok(link?.startsWith(`${t.url}/register#token=`), inv.stdout);
    assert.match(inv.stdout, /^invited alice <alice@example\.test>/);
    assert.match(inv.stdout, /outbox/, 'says how the e-mail left');

    const weak = await alice.run(['register', '--server', t.url, '--token', tokenOf(link!), '--password-stdin'], {
      input: 'short',
    });
    assert.equal(weak.code, 2);
    assert.match(oneLine(weak), /^error: password must be at least 10 characters \(invalid_request\)$/);

    const reg = await alice.run(['register', '--server', t.url, '--token', tokenOf(link!), '--password-stdin'], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(reg.code, 0, reg.stderr);
    assert.equal(
      reg.stdout,
      `registered alice on ${t.url}\nnext: switchboard login --server ${t.url} --username alice\n`,
    );

    const reuse = await alice.run(['register', '--server', t.url, '--token', tokenOf(link!), '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(reuse.code, 1);
    assert.match(oneLine(reuse), /\(gone\)$/);

    const login = await alice.run(['login', '--server', t.url, '--username', 'alice', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(login.code, 0, login.stderr);
    assert.equal(login.stdout, `logged in as alice (Alice A, agent) on ${t.url}; you are online\n`);
  });

  test('invite --json; register takes the whole link (server included)', async () => {
    const inv = await admin.run([
      'agents',
      'invite',
      'bob',
      '--name',
      'Bob B',
      '--email',
      'bob@example.test',
      '--json',
    ]);
    assert.equal(inv.code, 0, inv.stderr);
    const data = json(inv);
    assert.equal(data.username, 'bob');
    assert.equal(data.delivery, 'outbox');
    const reg = await bob.run(['register', '--token', data.registerUrl, '--password-stdin', '--json'], {
      input: PASSWORD,
    });
    assert.equal(reg.code, 0, reg.stderr);
    assert.deepEqual(json(reg), {
      server: t.url,
      username: 'bob',
      next: `switchboard login --server ${t.url} --username bob`,
    });
    const login = await bob.run(['login', '--server', t.url, '--username', 'bob', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(login.code, 0, login.stderr);
  });

  test('agents invites / resend / revoke: listed, a new link replaces the old, a revoked one is gone', async () => {
    const inv = await admin.run([
      'agents',
      'invite',
      'ivy',
      '--name',
      'Ivy I',
      '--email',
      'ivy@example.test',
      '--json',
    ]);
    assert.equal(inv.code, 0, inv.stderr);
    const firstLink = json(inv).registerUrl;
    const listed = await admin.run(['agents', 'invites']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^ivy\tIvy I <ivy@example\.test>\tinvited by root\texpires /m);
    assert.deepEqual(
      json(await admin.run(['agents', 'invites', '--json'])).invites.map((i: any) => i.username),
      ['ivy'],
    );

    const resent = await admin.run(['agents', 'resend', 'IVY']);
    assert.equal(resent.code, 0, resent.stderr);
    assert.match(resent.stdout, /^resent: invited ivy <ivy@example\.test>/);
    const newLink = resent.stdout.match(/^register link: (\S+)$/m)?.[1];
    assert.ok(newLink && newLink !== firstLink, resent.stdout);
    const old = await alice.run(['register', '--server', t.url, '--token', tokenOf(firstLink), '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(old.code, 1);
    assert.match(oneLine(old), /\(gone\)$/);

    const revoked = await admin.run(['agents', 'revoke', 'ivy', '--json']);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.deepEqual(json(revoked), { revoked: 'ivy' });
    const again = await admin.run(['agents', 'revoke', 'ivy']);
    assert.equal(again.code, 1);
    assert.match(oneLine(again), /^error: No pending invite for "ivy"\. \(not_found\)$/);
    assert.equal((await admin.run(['agents', 'invites'])).stdout, 'no pending invites\n');
    const dead = await alice.run(['register', '--server', t.url, '--token', tokenOf(newLink!), '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(dead.code, 1, 'the revoked link no longer works');
  });

  test('invite errors: a taken username is exit 1, a bad e-mail is a usage error', async () => {
    const [dup, bad, missing] = await Promise.all([
      admin.run(['agents', 'invite', 'alice', '--name', 'Other', '--email', 'x@example.test']),
      admin.run(['agents', 'invite', 'carol', '--name', 'Carol', '--email', 'not-an-email']),
      admin.run(['agents', 'invite', 'carol', '--name', 'Carol']),
    ]);
    assert.equal(dup.code, 1);
    assert.match(oneLine(dup), /\(conflict\)$/);
    assert.equal(bad.code, 2);
    assert.match(oneLine(bad), /email must be a valid e-mail address \(invalid_request\)$/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '--email <email>' not specified/);
  });

  test('messages between two agents: send, list, --with, --after; unknown recipient', async () => {
    const s1 = await alice.run(['messages', 'send', 'bob', 'can you take the refund chats?', '--json']);
    assert.equal(s1.code, 0, s1.stderr);
    const m1 = json(s1).message;
    assert.deepEqual([m1.from, m1.to, m1.body], ['alice', 'bob', 'can you take the refund chats?']);
    const s2 = await bob.run(['messages', 'send', 'alice', 'sure,', 'on', 'it']);
    assert.equal(s2.code, 0, s2.stderr);
    assert.match(s2.stdout, /^sent to alice at \d{4}-\d\d-\d\d \d\d:\d\d\n$/);

    const list = await bob.run(['messages', 'list']);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^● .*alice → bob: can you take the refund chats\?$/, 'received, not read yet');
    assert.match(lines[1]!, /^ {2}.*bob → alice: sure, on it$/, 'sent: never unread');
    assert.equal(lines[2], '1 unread (● marks them; --mark-read reads them)');
    const read = await bob.run(['messages', 'list', '--mark-read', '--json']);
    assert.deepEqual(
      [json(read).unread, json(read).readUpTo, json(read).messages[0].unread],
      [0, m1.id, true],
      'listed as it was, marked read after',
    );
    const later = await bob.run(['messages', 'list']);
    assert.match(later.stdout, /^ {2}.*alice → bob: can you take the refund chats\?\n.*\nall read\n$/);

    const [afterFirst, withBob, withRoot, unknown] = await Promise.all([
      alice.run(['messages', 'list', '--after', m1.id, '--json']),
      alice.run(['messages', 'list', '--with', 'bob', '--json']),
      alice.run(['messages', 'list', '--with', 'root']),
      alice.run(['messages', 'send', 'nobody', 'hello']),
    ]);
    assert.deepEqual(
      json(afterFirst).messages.map((m: { body: string }) => m.body),
      ['sure, on it'],
    );
    assert.equal(json(withBob).messages.length, 2);
    assert.equal(withRoot.stdout, 'no messages\n');

    assert.equal(unknown.code, 1);
    assert.equal(oneLine(unknown), 'error: No agent "nobody". (not_found)');
  });

  test('agents list shows status, connection and open/max chats; set-max-chats changes it', async () => {
    assert.equal((await bob.run(['status', 'offline'])).code, 0);
    const set = await admin.run(['agents', 'set-max-chats', 'alice', '3']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, 'alice may now hold 3 open chats (0 open now)\n');

    const list = await admin.run(['agents', 'list']);
    assert.equal(list.code, 0, list.stderr);
    const rows = list.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    assert.deepEqual(rows[0], ['USERNAME', 'NAME', 'ROLE', 'STATUS', 'CONNECTED', 'CHATS', 'EMAIL']);
    const row = (u: string) => rows.find((r) => r[0] === u);
    assert.deepEqual(row('alice'), ['alice', 'Alice A', 'agent', 'online', 'no', '0/3', 'alice@example.test']);
    assert.deepEqual(row('bob'), ['bob', 'Bob B', 'agent', 'offline', 'no', '0/5', 'bob@example.test']);
    assert.deepEqual(row('root'), ['root', 'Root Admin', 'admin', 'online', 'no', '0/5', '-']);

    const [listJson, badN, tooMany, noOne] = await Promise.all([
      admin.run(['agents', 'list', '--json']),
      admin.run(['agents', 'set-max-chats', 'alice', 'many']),
      admin.run(['agents', 'set-max-chats', 'alice', '1000']),
      admin.run(['agents', 'set-max-chats', 'nobody', '2', '--json']),
    ]);
    const viaJson = json(listJson).agents;
    assert.deepEqual(
      viaJson.find((a: { username: string }) => a.username === 'alice'),
      {
        username: 'alice',
        name: 'Alice A',
        role: 'agent',
        status: 'online',
        maxChats: 3,
        openChats: 0,
        email: 'alice@example.test',
        connected: false,
      },
    );
    assert.equal(badN.code, 2);
    assert.equal(oneLine(badN), 'error: max chats must be a whole number, not "many"');
    assert.equal(tooMany.code, 2);
    assert.equal(noOne.code, 1);
    assert.match(oneLine(noOne), /\(not_found\)$/);
  });

  test('admin commands run by an agent: exit 1 forbidden', async () => {
    const attempts = [
      ['agents', 'list'],
      ['agents', 'invite', 'eve', '--name', 'Eve', '--email', 'eve@example.test'],
      ['agents', 'set-max-chats', 'bob', '9'],
      ['agents', 'delete', 'bob', '--yes'],
    ];
    const results = await Promise.all(attempts.map((args) => alice.run(args)));
    results.forEach((r, i) => {
      assert.equal(r.code, 1, attempts[i]!.join(' '));
      assert.equal(oneLine(r), 'error: Only admins may do this. (forbidden)');
    });
  });

  test('agents delete: needs --yes off a terminal; then the account and its session are gone', async () => {
    const unconfirmed = await admin.run(['agents', 'delete', 'alice']);
    assert.equal(unconfirmed.code, 2);
    assert.equal(oneLine(unconfirmed), 'error: deleting an account needs confirmation: add --yes');
    assert.equal((await alice.run(['whoami'])).code, 0, 'nothing was deleted');

    const del = await admin.run(['agents', 'delete', 'alice', '--yes']);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, /^deleted alice/);
    const usernames = json(await admin.run(['agents', 'list', '--json'])).agents.map(
      (a: { username: string }) => a.username,
    );
    assert.deepEqual(usernames.sort(), ['bob', 'root']);

    const gone = await alice.run(['whoami']);
    assert.equal(gone.code, 1);
    assert.match(oneLine(gone), /\(unauthorized\)$/);
    const again = await admin.run(['agents', 'delete', 'alice', '--yes']);
    assert.equal(again.code, 1);
    assert.match(oneLine(again), /\(not_found\)$/);
  });
});
