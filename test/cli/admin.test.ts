import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PASSWORD } from '../helpers/server.js';
import { onTerminal, runIn } from './terminal.js';

const NO_DATABASE = "error: no Switchboard database in ./data — pass --data-dir DIR (the server's) or --database-url\n";
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
/** stderr without the JSON log lines (the audit lines of account changes). */
const said = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('{'))
    .join('\n');

/** A folder to run the commands in: `./data` there is the default data dir. */
async function folder(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-admin-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('switchboard admin', () => {
  test('list and delete refuse a data dir without a database, and create nothing', async (t) => {
    const cwd = await folder(t);
    const list = await runIn(cwd, ['admin', 'list']);
    assert.equal(list.code, 1);
    assert.equal(list.stderr, NO_DATABASE);
    assert.equal(list.stdout, '');
    const del = await runIn(cwd, ['admin', 'delete', 'root', '--yes']);
    assert.equal(del.code, 1);
    assert.equal(del.stderr, NO_DATABASE);
    assert.deepEqual(await readdir(cwd), [], 'no ./data, no database');

    const elsewhere = join(cwd, 'elsewhere');
    const named = await runIn(cwd, ['admin', 'list', '--json', '--data-dir', elsewhere]);
    assert.equal(named.code, 1);
    assert.equal(named.stdout, '');
    assert.match(named.stderr, new RegExp(`^error: no Switchboard database in ${elsewhere} — pass --data-dir`));
    const fromEnv = await runIn(cwd, ['admin', 'list'], { env: { SWITCHBOARD_DATA_DIR: elsewhere } });
    assert.equal(fromEnv.code, 1);
    assert.match(fromEnv.stderr, new RegExp(`in ${elsewhere} — `));
    assert.equal(existsSync(elsewhere), false);
  });

  test('create on a new data dir says it creates the database, private to its user', async (t) => {
    const cwd = await folder(t);
    const weak = await runIn(cwd, ['admin', 'create', 'boss', '--name', 'The Boss', '--password-stdin'], {
      input: 'short',
    });
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /\nerror: password must be at least 10 characters\n$/);
    assert.equal(existsSync(join(cwd, 'data', 'switchboard.db')), false, 'a refused password creates nothing');

    const made = await runIn(cwd, ['admin', 'create', ' Boss ', '--name', 'The Boss', '--password-stdin'], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(made.code, 0, made.stderr);
    assert.equal(said(made.stderr), 'no Switchboard database in ./data yet: creating a new one');
    assert.equal(made.stdout, 'created admin boss (The Boss) in ./data\n', 'the username is lowercased, as in the TUI');
    assert.equal(await mode(join(cwd, 'data')), '700');
    for (const f of await readdir(join(cwd, 'data'))) assert.equal(await mode(join(cwd, 'data', f)), '600', f);

    const second = await runIn(cwd, ['admin', 'create', 'deputy', '--name', 'Deputy', '--password-stdin', '--json'], {
      input: PASSWORD,
    });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(said(second.stderr), '', 'an existing database is not announced');
    assert.deepEqual(JSON.parse(second.stdout), { username: 'deputy', name: 'Deputy', role: 'admin' });
    const list = await runIn(cwd, ['admin', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      JSON.parse(list.stdout).admins.map((a: any) => a.username),
      ['boss', 'deputy'],
    );
  });

  test('delete: --yes is needed without a terminal; --json prints what was deleted; the actor is logged', async (t) => {
    const cwd = await folder(t);
    const made = await runIn(cwd, ['admin', 'create', 'boss', '--name', 'The Boss', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(made.code, 0, made.stderr);

    const unconfirmed = await runIn(cwd, ['admin', 'delete', 'boss']);
    assert.equal(unconfirmed.code, 2, 'a usage error');
    assert.equal(unconfirmed.stderr, 'error: deleting an admin account needs confirmation: add --yes\n');
    const missing = await runIn(cwd, ['admin', 'delete', 'ghost', '--yes']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'error: no admin ghost in ./data\n');

    const deleted = await runIn(cwd, ['admin', 'delete', 'BOSS', '--yes', '--json']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.deepEqual(JSON.parse(deleted.stdout), { deleted: 'boss' });
    const audit = jsonLines(deleted.stderr);
    assert.equal(audit.length, 1, deleted.stderr);
    assert.equal(audit[0]!.msg, 'admin deleted');
    assert.equal(audit[0]!.username, 'boss');
    assert.equal(audit[0]!.actor, userInfo().username);
    assert.equal(JSON.parse((await runIn(cwd, ['admin', 'list', '--json'])).stdout).admins.length, 0);

    const quiet = await runIn(cwd, ['admin', 'create', 'boss', '--name', 'The Boss', '--password-stdin'], {
      input: PASSWORD,
      env: { SWITCHBOARD_LOG_LEVEL: 'silent' },
    });
    assert.equal(quiet.stderr, '', 'SWITCHBOARD_LOG_LEVEL=silent keeps the audit line out');
    const human = await runIn(cwd, ['admin', 'delete', 'boss', '--yes']);
    assert.equal(human.stdout, 'deleted admin boss\n');
  });

  test('on a terminal: create asks for the password twice, delete asks for confirmation', async (t) => {
    const cwd = await folder(t);
    const differ = onTerminal(cwd, ['admin', 'create', 'boss', '--name', 'The Boss']);
    await differ.waitFor(/creating a new one/);
    await differ.waitFor(/Password for boss \(at least 10 characters\): /);
    differ.type(`${PASSWORD}\r`);
    await differ.waitFor(/Repeat the password: /);
    differ.type('something else\r');
    assert.equal(await differ.exited(), 2, differ.screen());
    assert.match(differ.screen(), /error: the two passwords differ: nothing was changed/);
    assert.ok(!differ.screen().includes(PASSWORD), 'the password is not echoed');
    assert.equal(existsSync(join(cwd, 'data')), false, 'nothing was created');

    const same = onTerminal(cwd, ['admin', 'create', 'boss', '--name', 'The Boss']);
    await same.waitFor(/Password for boss/);
    same.type(`${PASSWORD}\r`);
    await same.waitFor(/Repeat the password: /);
    same.type(`${PASSWORD}\r`);
    assert.equal(await same.exited(), 0, same.screen());
    assert.match(same.screen(), /created admin boss \(The Boss\) in \.\/data/);

    const keep = onTerminal(cwd, ['admin', 'delete', 'boss']);
    await keep.waitFor(/Delete the admin account boss\? Its sessions end\. \[y\/N\] /);
    keep.type('n\r');
    assert.equal(await keep.exited(), 1, keep.screen());
    assert.match(keep.screen(), /error: cancelled: nothing was deleted/);
    assert.equal(JSON.parse((await runIn(cwd, ['admin', 'list', '--json'])).stdout).admins.length, 1);

    const drop = onTerminal(cwd, ['admin', 'delete', 'boss']);
    await drop.waitFor(/\[y\/N\] /);
    drop.type('y\r');
    assert.equal(await drop.exited(), 0, drop.screen());
    assert.match(drop.screen(), /deleted admin boss/);
    assert.equal(JSON.parse((await runIn(cwd, ['admin', 'list', '--json'])).stdout).admins.length, 0);
  });
});
