import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createPostgresStore } from '../../server/store/postgres/postgres-store.js';
import { MIGRATIONS } from '../../server/store/postgres/migrations.js';
import type { AccountRecord, ChatRecord, MessageRecord, Store } from '../../server/store/port.js';
import { freshDatabase, postgresSkip, queryOnce, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

// Store-level behaviours of the PostgreSQL adapter, against a real PostgreSQL started for this file.
// (test/store/postgres-server.test.ts runs real server flows on it.)

const skip = postgresSkip;
let server: TestPostgres | undefined;
before(async () => {
  if (!skip) server = await startTestPostgres();
});
after(() => server?.stop());

const query = queryOnce;
/** The transaction that wrote each row (rows written by one transaction share their xmin). */
const writers = (url: string, table: string, ids: string[]) =>
  query(url, `SELECT id, xmin::text AS tx FROM ${table} WHERE id = ANY($1) ORDER BY array_position($1, id)`, [ids]).then((rows) => rows.map((r) => r.tx as string));

/** A store on a fresh database; the database is dropped after `fn`. */
async function withStore(fn: (store: Store, url: string) => Promise<void>) {
  const db = await freshDatabase(server!.url);
  const store = await createPostgresStore(db.url);
  try {
    await fn(store, db.url);
  } finally {
    await store.close();
    await db.drop();
  }
}

const account = (username: string): AccountRecord => ({
  username, name: username.toUpperCase(), email: null, role: 'agent', passwordHash: 'x', status: 'offline', maxChats: null, createdAt: 1_764_000_000_123,
});
const chat = (id: string, entry = `q-${id}`): ChatRecord => ({
  id, visitorName: 'Grace', agentUsername: null, agentName: null, status: 'queued', startedAt: 1_764_000_000_000, endedAt: null, endedBy: null, lastSeq: 0, queueEntryId: entry,
});
const msg = (chatId: string, seq: number, id = `${chatId}-m${seq}`, clientMsgId: string | null = null): MessageRecord => ({
  id, chatId, seq, fromRole: 'visitor', fromName: 'Grace', fromUsername: null, toRole: null, toName: null, toUsername: null, body: `b${seq}`, sentAt: 1_764_000_000_000 + seq, clientMsgId,
});

test('migrations: two nodes opening an empty database at once both start; the schema is at the latest version', { skip }, async () => {
  const db = await freshDatabase(server!.url);
  try {
    const [a, b] = await Promise.all([createPostgresStore(db.url), createPostgresStore(db.url)]);
    await Promise.all([a.close(), b.close()]);
    const again = await createPostgresStore(db.url); // nothing left to do
    await again.close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      assert.deepEqual((await client.query('SELECT version FROM schema_version')).rows, [{ version: MIGRATIONS.length }]);
      const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.tablename);
      assert.deepEqual(tables, ['accounts', 'agent_messages', 'agent_routing', 'chats', 'invites', 'messages', 'nodes', 'presence', 'queue_entries', 'schema_version', 'sessions']);
      const partial = (await client.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'messages_client_msg_id'`)).rows[0].indexdef;
      assert.match(partial, /UNIQUE.*WHERE \(client_msg_id IS NOT NULL\)/);
    } finally {
      await client.end();
    }
  } finally {
    await db.drop();
  }
});

test('chat changes asked for together are committed together, in order; a failing one does not sink the batch; close() flushes; lastSeq comes back from the messages', { skip }, async () => {
  const db = await freshDatabase(server!.url);
  try {
    const store = await createPostgresStore(db.url);
    await store.applyChatChange({ insertChat: chat('c1', 'q1') });
    const results = await Promise.allSettled([
      ...[1, 2, 3].map((n) => store.applyChatChange({ messages: [msg('c1', n)] })),
      store.applyChatChange({ messages: [msg('c1', 2, 'dup')] }), // duplicate seq: fails on its own
      store.applyChatChange({ messages: [msg('c1', 4)] }),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((results[3] as PromiseRejectedResult).reason), /duplicate key/);
    const [t1, t2, t3, t4] = await writers(db.url, 'messages', ['c1-m1', 'c1-m2', 'c1-m3', 'c1-m4']);
    assert.equal(new Set([t1, t2, t3, t4]).size, 4, 'after the failure each change was retried in its own transaction');
    void store.applyChatChange({ messages: [msg('c1', 5)] }); // not awaited: close() must commit it
    await store.close();

    const again = await createPostgresStore(db.url);
    try {
      assert.deepEqual((await again.getTranscript('c1')).map((m) => m.body), ['b1', 'b2', 'b3', 'b4', 'b5']);
      assert.deepEqual((await again.getTranscript('c1', 3)).map((m) => m.seq), [4, 5]);
      const live = await again.loadLiveState();
      assert.equal(live.chats.length, 1);
      assert.equal(live.chats[0]!.lastSeq, 5, 'the last message number is restored from the messages');
      assert.equal(live.chats[0]!.startedAt, 1_764_000_000_000, 'bigint times come back as numbers');
      const m = (await again.getTranscript('c1'))[0]!;
      assert.deepEqual(m, msg('c1', 1));
    } finally {
      await again.close();
    }
  } finally {
    await db.drop();
  }
});

test('writes keep request order within a batch and across batches, including ones that only work in that order', { skip }, async () => {
  await withStore(async (store, url) => {
    // Same turn: chat before its message, an entry added, removed and added again.
    const first = [
      store.applyChatChange({ insertChat: chat('c2') }),
      store.applyChatChange({ messages: [msg('c2', 1)] }),
      store.applyChatChange({ addQueueEntry: { id: 'e1', name: 'Old', joinedAt: 1, front: false, position: 1, chatId: null } }),
      store.removeQueueEntry('e1'),
      store.applyChatChange({ addQueueEntry: { id: 'e1', name: 'New', joinedAt: 2, front: false, position: 2, chatId: null } }),
    ];
    // Asked for while the first batch is in flight: they form the next batches, still in order.
    await new Promise((r) => setImmediate(r));
    const later: Promise<void>[] = [];
    for (let seq = 2; seq <= 200; seq++) {
      later.push(store.applyChatChange({ messages: [msg('c2', seq)] }));
      if (seq % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    later.push(store.applyChatChange({ updateChat: { id: 'c2', status: 'ended', endedAt: 9, endedBy: 'visitor' } }));
    await Promise.all([...first, ...later]);
    const [entryTx] = await writers(url, 'queue_entries', ['e1']);
    const [firstTx, secondTx] = await writers(url, 'messages', ['c2-m1', 'c2-m2']);
    assert.equal(firstTx, entryTx, 'changes asked for in one turn share one transaction');
    assert.notEqual(secondTx, firstTx, 'changes asked for later go into a later transaction');
    const transcript = await store.getTranscript('c2');
    assert.deepEqual(transcript.map((m) => m.seq), Array.from({ length: 200 }, (_, i) => i + 1));
    const live = await store.loadLiveState();
    assert.deepEqual(live.queue.map((e) => [e.id, e.name, e.front, e.position]), [['e1', 'New', false, 2]]);
    assert.deepEqual(live.chats, [], 'the ended chat is not live');
    assert.equal((await store.getChat('c2'))!.endedBy, 'visitor');
    assert.equal((await store.findChatByQueueEntry('q-c2'))!.id, 'c2');
  });
});

test('queue order: requeued (front) entries first, each segment by position; idempotency keys are unique per chat and sender', { skip }, async () => {
  await withStore(async (store) => {
    await Promise.all([
      store.applyChatChange({ addQueueEntry: { id: 'b2', name: 'B2', joinedAt: 1, front: false, position: 2, chatId: null } }),
      store.applyChatChange({ addQueueEntry: { id: 'b1', name: 'B1', joinedAt: 1, front: false, position: 1, chatId: null } }),
      store.applyChatChange({ insertChat: chat('c3'), addQueueEntry: { id: 'c3', name: 'F1', joinedAt: 1, front: true, position: 1, chatId: 'c3' } }),
    ]);
    assert.deepEqual((await store.loadLiveState()).queue.map((e) => e.id), ['c3', 'b1', 'b2']);

    await store.applyChatChange({ messages: [msg('c3', 1, 'k1', 'key'), msg('c3', 2, 'n1'), msg('c3', 3, 'n2')] });
    await assert.rejects(store.applyChatChange({ messages: [msg('c3', 4, 'k2', 'key')] }), /duplicate key/);
    assert.equal((await store.findMessageByClientId('c3', 'visitor', 'key'))!.id, 'k1');
    assert.equal(await store.findMessageByClientId('c3', 'agent', 'key'), undefined);
  });
});

test('staff tables: accounts, invites redeemed once, sessions, agent messages paged by position', { skip }, async () => {
  await withStore(async (store) => {
    assert.equal(await store.createAccount(account('alice')), true);
    assert.equal(await store.createAccount(account('alice')), false);
    assert.deepEqual(await store.getAccount('alice'), account('alice'));
    assert.equal((await store.updateAccount('alice', { status: 'online', maxChats: 3 }))!.maxChats, 3);
    assert.equal(await store.updateAccount('nobody', { status: 'online' }), undefined);

    const now = 1_000;
    const invite = (tokenHash: string) => ({ tokenHash, username: 'bob', name: 'Bob', email: 'bob@example.test', invitedBy: 'alice', createdAt: now, expiresAt: now + 100, usedAt: null });
    // Two admins inviting the same name at once: exactly one invite.
    assert.deepEqual((await Promise.all([store.createInvite(invite('h1'), now), store.createInvite(invite('h2'), now)])).sort(), [false, true]);
    const hash = (await store.findInvite('h1')) ? 'h1' : 'h2';
    assert.equal(await store.createInvite(invite('h3'), now), false, 'a pending invite holds the name');
    // Registering twice at once: one account.
    const bob = { ...account('bob'), name: 'Bob' };
    assert.deepEqual((await Promise.all([store.redeemInvite(hash, bob, now + 1), store.redeemInvite(hash, bob, now + 1)])).sort(), [false, true]);
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
      await store.addAgentMessage({ id: `a${i}`, from: i % 2 ? 'alice' : 'bob', to: i % 2 ? 'bob' : 'alice', body: `hi ${i}`, sentAt: i });
    }
    assert.deepEqual((await store.listAgentMessages('bob', undefined, 3))!.map((m) => m.id), ['a1', 'a2', 'a3']);
    assert.deepEqual((await store.listAgentMessages('bob', 'a3', 10))!.map((m) => m.id), ['a4', 'a5']);
    assert.equal(await store.listAgentMessages('bob', 'nope', 10), undefined);

    await store.createSession({ jti: 's3', username: 'bob', createdAt: 1, expiresAt: 99 });
    assert.equal(await store.deleteAccount('bob'), true);
    assert.equal(await store.getSession('s3'), undefined, 'sessions go with the account');
    assert.deepEqual(await store.listAgentMessages('alice', undefined, 10), [], 'and so do its agent messages');
    assert.deepEqual((await store.listAccounts()).map((a) => a.username), ['alice']);
  });
});
