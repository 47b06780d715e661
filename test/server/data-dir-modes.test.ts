import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';
import { PASSWORD } from '../helpers/server.js';
import { spawnServer } from '../helpers/process-server.js';

const BIN = join(PROJECT_ROOT, 'bin/switchboard.js');
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

/** Every mode in the data dir: the dir itself as `.`, then each file and folder below it. */
async function modes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = { '.': await mode(dir) };
  for (const e of await readdir(dir, { recursive: true })) out[e] = await mode(join(dir, e));
  return out;
}

const logLines = (output: string) =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

test('a fresh data dir is 0700 and every file in it 0600: the database, its WAL and SHM, the secret', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'switchboard-modes-'));
  const dataDir = join(parent, 'data');
  // Started with the test runner's umask (a shell's usual 0022): the server must not depend on it.
  const server = await spawnServer(['--data-dir', dataDir]);
  try {
    const seen = await modes(dataDir);
    for (const f of ['switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm', 'jwt-secret'])
      assert.ok(f in seen, `${f} exists while the server runs: ${JSON.stringify(seen)}`);
    assert.deepEqual(
      seen,
      Object.fromEntries(Object.keys(seen).map((f) => [f, f === '.' ? '700' : '600'])),
      'nobody but the server user can read the data dir',
    );
    assert.ok(!server.output().includes('file modes tightened'), 'nothing to fix on a fresh dir');
  } finally {
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  }
});

test('loose modes left by an older version are fixed at start, with one log line saying what was fixed', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-modes-'));
  try {
    const made = spawnSync(
      process.execPath,
      [BIN, 'admin', 'create', 'root', '--name', 'Root', '--password-stdin', '--data-dir', dataDir],
      { input: PASSWORD },
    );
    assert.equal(made.status, 0, made.stderr.toString());
    // What the old defaults left behind: a 0755 folder, 0644 files, a readable outbox.
    await mkdir(join(dataDir, 'outbox'));
    await writeFile(join(dataDir, 'outbox', 'old-invite.eml'), 'To: bob@example.test\n');
    await writeFile(join(dataDir, 'jwt-secret'), `${'A'.repeat(43)}\n`);
    await writeFile(join(dataDir, 'notes.txt'), 'not ours\n');
    for (const f of ['switchboard.db', 'jwt-secret', 'notes.txt', 'outbox/old-invite.eml'])
      await chmod(join(dataDir, f), 0o644);
    await chmod(join(dataDir, 'outbox'), 0o755);
    await chmod(dataDir, 0o755);

    const server = await spawnServer(['--data-dir', dataDir, '--log-level', 'info']);
    try {
      const seen = await modes(dataDir);
      assert.equal(seen['.'], '700');
      assert.equal(seen.outbox, '700');
      for (const f of [
        'switchboard.db',
        'switchboard.db-wal',
        'switchboard.db-shm',
        'jwt-secret',
        'outbox/old-invite.eml',
      ])
        assert.equal(seen[f], '600', `${f}: ${JSON.stringify(seen)}`);
      assert.equal(seen['notes.txt'], '644', 'a file that is not the server’s is left alone');

      const fixes = logLines(server.output()).filter((l) => l.msg === 'file modes tightened');
      assert.equal(fixes.length, 1, server.output());
      assert.equal(fixes[0]!.level, 40, 'a warning');
      assert.deepEqual([...(fixes[0]!.fixed as string[])].sort(), [
        '. 755→700',
        'jwt-secret 644→600',
        'outbox 755→700',
        'outbox/old-invite.eml 644→600',
        'switchboard.db 644→600',
      ]);
      assert.equal(fixes[0]!.dataDir, dataDir);
      const login = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password: PASSWORD }),
      });
      assert.equal(login.status, 200, 'the server works on the fixed files');
    } finally {
      await server.stop();
    }
    const again = await spawnServer(['--data-dir', dataDir, '--log-level', 'info']);
    await again.stop();
    assert.ok(!again.output().includes('file modes tightened'), 'fixed once: nothing to say the next time');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
