import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, postgresSkip, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startTestServer } from '../helpers/server.js';
import { connectFor, emitAck } from '../helpers/sockets.js';

// Real server flows on PostgreSQL: with SWITCHBOARD_TEST_DATABASE_URL set, every test server gets a
// database of its own on the PostgreSQL started for this file (the rest of test/server can run so too).

const skip = postgresSkip;
let server: TestPostgres | undefined;
before(async () => {
  if (skip) return;
  server = await startTestPostgres();
  process.env.SWITCHBOARD_TEST_DATABASE_URL = server.url;
});
after(() => server?.stop());

// The contract suite (test/server) runs on PostgreSQL too (`npm run test:postgres`); these are the
// PostgreSQL-only cases.

test('on PostgreSQL: a restart on the same database brings back the queue, open chats and transcripts', {
  skip,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-pg-restart-'));
  let t = await startTestServer({ trustProxy: true }, dir);
  const database = t.databaseUrl!;
  try {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'alice', undefined, 'Alice Agent');
    const aliceToken = await t.login('alice');
    const { socket: aliceSocket } = await connectFor(t.url, '/agent', { token: aliceToken }, 'chats:open');
    const join = async (name: string, ip: string) =>
      (await t.api('POST', '/api/queue', { body: { name }, headers: { 'x-forwarded-for': ip } })).body
        .queueToken as string;
    const graceQueue = await join('Grace', '10.1.0.1');
    const start = await t.api('POST', '/api/chat/start', { token: graceQueue });
    assert.equal(start.status, 200);
    const { socket: graceSocket } = await connectFor(
      t.url,
      '/visitor',
      { token: start.body.userToken },
      'chat:history',
    );
    await emitAck(graceSocket, 'chat:send', { body: 'before the restart' });
    await emitAck(aliceSocket, 'chat:send', { chatId: start.body.chatId, body: 'noted' });
    await t.api('PATCH', '/api/admin/agents/alice', { token: admin, body: { maxChats: 1 } }); // the next visitors wait
    const adaQueue = await join('Ada', '10.1.0.2');
    const linQueue = await join('Lin', '10.1.0.3');
    aliceSocket.close();
    graceSocket.close();
    await t.close();

    t = await startTestServer({ trustProxy: true }, dir);
    assert.equal(t.databaseUrl, database, 'the same data dir finds the same database');
    assert.deepEqual((await t.api('GET', '/api/queue/status', { token: adaQueue })).body.ahead, 0);
    assert.deepEqual((await t.api('GET', '/api/queue/status', { token: linQueue })).body.ahead, 1);
    const again = await connectFor(t.url, '/agent', { token: aliceToken }, 'chats:open');
    const open = again.payload.chats;
    assert.equal(open.length, 1);
    assert.equal(open[0].chatId, start.body.chatId);
    assert.deepEqual(
      open[0].transcript.map((m: any) => [m.seq, m.body]),
      [
        [1, 'before the restart'],
        [2, 'noted'],
      ],
    );
    const visitor = await connectFor(t.url, '/visitor', { token: start.body.userToken }, 'chat:history');
    assert.equal(visitor.payload.status, 'active');
    const ack = await emitAck(visitor.socket, 'chat:send', { body: 'after the restart' });
    assert.equal(ack.message.seq, 3, 'numbering carries on');
    again.socket.close();
    visitor.socket.close();
  } finally {
    await t.close();
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(server!.url, new URL(database).pathname.slice(1));
  }
});

const adminCreateOnPostgres =
  'on PostgreSQL: `switchboard admin create --database-url` makes the first admin, ' +
  'who then logs in to a server on that database';
test(adminCreateOnPostgres, {
  skip,
}, async () => {
  const { spawnSync } = await import('node:child_process');
  const { PROJECT_ROOT } = await import('../../server/paths.js');
  const { freshDatabase } = await import('../helpers/postgres.js');
  const db = await freshDatabase(server!.url);
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-pg-admin-'));
  try {
    const bin = join(PROJECT_ROOT, 'bin/switchboard.js');
    const made = spawnSync(
      process.execPath,
      [
        bin,
        'admin',
        'create',
        'boss',
        '--name',
        'The Boss',
        '--password-stdin',
        '--database-url',
        db.url,
        '--data-dir',
        dataDir,
      ],
      { input: 'correct horse battery' },
    );
    assert.equal(made.status, 0, made.stderr.toString());
    assert.match(made.stdout.toString(), /created admin boss \(The Boss\) in the PostgreSQL database/);
    const listed = spawnSync(process.execPath, [bin, 'admin', 'list', '--json', '--database-url', db.url]);
    assert.deepEqual(
      JSON.parse(listed.stdout.toString()).admins.map((a: any) => a.username),
      ['boss'],
    );
    const t = await startTestServer({ databaseUrl: db.url }, dataDir);
    try {
      assert.equal(
        (await t.api('POST', '/api/login', { body: { username: 'boss', password: 'correct horse battery' } })).status,
        200,
      );
    } finally {
      await t.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.drop();
  }
});
