import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { cliUser, json, oneLine, type CliUser } from './run-cli.js';

/** `switchboard canned …`: list, add, edit, rm, and export → import through a file kept in git. */
describe('switchboard canned', () => {
  let t: TestServer;
  let admin: CliUser;
  let alice: CliUser;
  let dir: string;

  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root');
    await t.createAgent(await t.login('root'), 'alice');
    [admin, alice] = await Promise.all([cliUser(), cliUser()]);
    for (const [u, name] of [
      [admin, 'root'],
      [alice, 'alice'],
    ] as const) {
      const r = await u.run(['login', '--server', t.url, '--username', name, '--password-stdin'], { input: PASSWORD });
      assert.equal(r.code, 0, r.stderr);
    }
    dir = await mkdtemp(join(tmpdir(), 'switchboard-canned-'));
  });
  after(async () => {
    await Promise.all([admin.remove(), alice.remove(), rm(dir, { recursive: true, force: true })]);
    await t.close();
  });

  test('add (team and personal), list, edit, rm', async () => {
    let r = await admin.run(['canned', 'add', 'hello', '--team', 'Hi', '{visitor.name}!']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'added team reply /hello\n');
    r = await alice.run(['canned', 'add', '/refund', '-'], { input: 'Refunds take 5 days.\nAnything else?' });
    assert.equal(r.code, 0, r.stderr);

    r = await alice.run(['canned', 'list']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^SHORTCUT +SCOPE +ID +TEXT$/);
    assert.match(lines[1]!, /^\/hello +team +\S+ +Hi \{visitor\.name\}!$/);
    assert.match(lines[2]!, /^\/refund +personal +\S+ +Refunds take 5 days\.$/);

    r = await alice.run(['canned', 'add', 'team-only', '--team', 'x']);
    assert.equal(r.code, 1);
    assert.match(oneLine(r), /^error: Only admins may add team replies.*\(forbidden\)$/);
    r = await alice.run(['canned', 'add', 'Bad Shortcut', 'x']);
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /shortcut must match/);

    r = await alice.run(['canned', 'edit', 'refund', '--rename', 'refunds', 'Refunds take 3 days.', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      { shortcut: json(r).canned.shortcut, body: json(r).canned.body },
      { shortcut: 'refunds', body: 'Refunds take 3 days.' },
    );
    r = await alice.run(['canned', 'rm', 'hello']);
    assert.equal(r.code, 1);
    assert.match(oneLine(r), /no personal canned reply \/hello \(there is a team one: add --team\)/);
    r = await alice.run(['canned', 'rm', 'refunds']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deleted personal reply /refunds\n');
    const left = json(await alice.run(['canned', 'list', '--json'])).canned;
    assert.deepEqual(
      left.map((c: { shortcut: string }) => c.shortcut),
      ['hello'],
    );
  });

  test('export → edit the file → import adds and updates; a bad file changes nothing', async () => {
    const exported = await admin.run(['canned', 'export', '--team']);
    assert.equal(exported.code, 0, exported.stderr);
    const file = JSON.parse(exported.stdout) as { canned: { shortcut: string; body: string; scope: string }[] };
    assert.deepEqual(file, { canned: [{ shortcut: 'hello', body: 'Hi {visitor.name}!', scope: 'team' }] });

    file.canned[0]!.body = 'Hello {visitor.name}, {agent.name} here.';
    file.canned.push({ shortcut: 'bye', body: 'Have a nice day!', scope: 'team' });
    const path = join(dir, 'canned.json');
    await writeFile(path, JSON.stringify(file, null, 2));
    let r = await admin.run(['canned', 'import', path]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '1 added, 1 updated, 0 unchanged\n');
    r = await admin.run(['canned', 'import', path, '--json']);
    assert.deepEqual(json(r), { added: [], updated: [], unchanged: ['team/hello', 'team/bye'] });

    await writeFile(
      path,
      JSON.stringify({ canned: [{ shortcut: 'ok', body: 'x', scope: 'team' }, { shortcut: 'NO' }] }),
    );
    r = await admin.run(['canned', 'import', path]);
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /canned\.json: canned\.1\.shortcut: shortcut must match/);
    const now = json(await alice.run(['canned', 'list', '--json'])).canned;
    assert.deepEqual(
      now.map((c: { shortcut: string; body: string }) => `${c.shortcut}: ${c.body}`),
      ['bye: Have a nice day!', 'hello: Hello {visitor.name}, {agent.name} here.'],
    );
  });
});
