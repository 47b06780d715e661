import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createPostgresStores } from '../../server/store/postgres/postgres-store.js';
import { MIGRATIONS } from '../../server/store/postgres/migrations.js';
import type { Store } from '../../server/app/ports/store.js';
import type { AccountRecord } from '../../server/domain/records.js';
import { freshDatabase, postgresSkip, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

// Store-level behaviours of the PostgreSQL adapter, against a real PostgreSQL started for this file.
// (test/store/postgres-server.test.ts runs real server flows on it; test/store/chat-store.test.ts holds
// its chat side to the same rules as SQLite's.)

const skip = postgresSkip;
let server: TestPostgres | undefined;
before(async () => {
  if (!skip) server = await startTestPostgres();
});
after(() => server?.stop());

/** A store on a fresh database; the database is dropped after `fn`. */
async function withStore(fn: (store: Store, url: string) => Promise<void>) {
  const db = await freshDatabase(server!.url);
  const stores = await createPostgresStores(db.url);
  try {
    await fn(stores.store, db.url);
  } finally {
    await stores.close();
    await db.drop();
  }
}

const account = (username: string): AccountRecord => ({
  username,
  name: username.toUpperCase(),
  email: null,
  role: 'agent',
  passwordHash: 'x',
  status: 'offline',
  maxChats: null,
  createdAt: 1_764_000_000_123,
});
test('migrations: two nodes opening an empty database at once both start; the schema is at the latest version', {
  skip,
}, async () => {
  const db = await freshDatabase(server!.url);
  try {
    const [a, b] = await Promise.all([createPostgresStores(db.url), createPostgresStores(db.url)]);
    await Promise.all([a.close(), b.close()]);
    const again = await createPostgresStores(db.url); // nothing left to do
    await again.close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      assert.deepEqual((await client.query('SELECT version FROM schema_version')).rows, [
        { version: MIGRATIONS.length },
      ]);
      const tables = (
        await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
      ).rows.map((r) => r.tablename);
      assert.deepEqual(tables, [
        'accounts',
        'agent_message_reads',
        'agent_messages',
        'agent_routing',
        'canned',
        'chat_passed_over',
        'chat_ratings',
        'chats',
        'invites',
        'messages',
        'nodes',
        'offline_message_replies',
        'offline_messages',
        'presence',
        'queue_entries',
        'schema_version',
        'sessions',
        'visitor_contexts',
      ]);
      const partial = (await client.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'messages_client_msg_id'`))
        .rows[0].indexdef;
      assert.match(partial, /UNIQUE.*WHERE \(client_msg_id IS NOT NULL\)/);
    } finally {
      await client.end();
    }
  } finally {
    await db.drop();
  }
});

test('staff tables: accounts, invites redeemed once, sessions, agent messages paged by position', {
  skip,
}, async () => {
  await withStore(async (store) => {
    assert.equal(await store.createAccount(account('alice')), true);
    assert.equal(await store.createAccount(account('alice')), false);
    assert.deepEqual(await store.getAccount('alice'), account('alice'));
    assert.equal((await store.updateAccount('alice', { status: 'online', maxChats: 3 }))!.maxChats, 3);
    assert.equal(await store.updateAccount('nobody', { status: 'online' }), undefined);

    const now = 1_000;
    const invite = (tokenHash: string) => ({
      tokenHash,
      username: 'bob',
      name: 'Bob',
      email: 'bob@example.test',
      invitedBy: 'alice',
      createdAt: now,
      expiresAt: now + 100,
      usedAt: null,
    });
    // Two admins inviting the same name at once: exactly one invite.
    assert.deepEqual(
      (await Promise.all([store.createInvite(invite('h1'), now), store.createInvite(invite('h2'), now)])).sort(),
      [false, true],
    );
    const hash = (await store.findInvite('h1')) ? 'h1' : 'h2';
    assert.equal(await store.createInvite(invite('h3'), now), false, 'a pending invite holds the name');
    // Registering twice at once: one account.
    const bob = { ...account('bob'), name: 'Bob' };
    assert.deepEqual(
      (await Promise.all([store.redeemInvite(hash, bob, now + 1), store.redeemInvite(hash, bob, now + 1)])).sort(),
      [false, true],
    );
    assert.equal((await store.findInvite(hash))!.usedAt, now + 1);
    assert.equal(await store.redeemInvite(hash, bob, now + 2), false);

    await store.createSession({ jti: 's1', username: 'bob', createdAt: 1, expiresAt: 10 });
    await store.createSession({ jti: 's2', username: 'bob', createdAt: 1, expiresAt: 20 });
    assert.deepEqual(await store.getSession('s1'), { jti: 's1', username: 'bob', createdAt: 1, expiresAt: 10 });
    await store.purgeSessions(10);
    assert.equal(await store.getSession('s1'), undefined);
    assert.deepEqual(await store.deleteSessionsOf('bob'), ['s2']);
    assert.equal(await store.deleteSession('s2'), false);

    for (let i = 1; i <= 5; i++) {
      await store.addAgentMessage({
        id: `a${i}`,
        from: i % 2 ? 'alice' : 'bob',
        to: i % 2 ? 'bob' : 'alice',
        body: `hi ${i}`,
        sentAt: i,
      });
    }
    assert.deepEqual(
      (await store.listAgentMessages('bob', undefined, 3))!.map((m) => m.id),
      ['a1', 'a2', 'a3'],
    );
    assert.deepEqual(
      (await store.listAgentMessages('bob', 'a3', 10))!.map((m) => m.id),
      ['a4', 'a5'],
    );
    assert.equal(await store.listAgentMessages('bob', 'nope', 10), undefined);

    await store.createSession({ jti: 's3', username: 'bob', createdAt: 1, expiresAt: 99 });
    assert.equal(await store.deleteAccount('bob'), true);
    assert.equal(await store.getSession('s3'), undefined, 'sessions go with the account');
    assert.deepEqual(await store.listAgentMessages('alice', undefined, 10), [], 'and so do its agent messages');
    assert.deepEqual(
      (await store.listAccounts()).map((a) => a.username),
      ['alice'],
    );
  });
});
