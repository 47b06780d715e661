import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withAccountCache } from '../../server/store/account-cache.js';
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import type { AccountRecord, MessageRecord } from '../../server/store/port.js';

const account = (username: string): AccountRecord => ({
  username, name: username.toUpperCase(), email: null, role: 'agent', passwordHash: 'x', status: 'offline', maxChats: null, createdAt: 1,
});

test('the account cache sees its own writes at once and another process\'s writes after its TTL', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-store-'));
  let clock = 0;
  const store = withAccountCache(createSqliteStore(dir), 1000, () => clock);
  const other = createSqliteStore(dir); // e.g. `switchboard admin …` writing the same file
  try {
    assert.equal(await store.createAccount(account('alice')), true);
    assert.equal((await store.getAccount('alice'))!.status, 'offline');
    await store.updateAccount('alice', { status: 'online' });
    assert.equal((await store.getAccount('alice'))!.status, 'online');
    await other.updateAccount('alice', { name: 'Renamed' });
    assert.equal((await store.getAccount('alice'))!.name, 'ALICE', 'served from memory within the TTL');
    clock += 1001;
    assert.equal((await store.getAccount('alice'))!.name, 'Renamed');
    await store.deleteAccount('alice');
    assert.equal(await store.getAccount('alice'), undefined);
  } finally {
    await store.close();
    await other.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('chat changes asked for together are committed together, in order, and survive reopening', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-store-'));
  const store = createSqliteStore(dir);
  try {
    await store.applyChatChange({
      insertChat: { id: 'c1', visitorName: 'Grace', agentUsername: null, agentName: null, status: 'queued', startedAt: 1, endedAt: null, endedBy: null, lastSeq: 0, queueEntryId: 'q1' },
    });
    const msg = (seq: number, id = `m${seq}`): MessageRecord => ({
      id, chatId: 'c1', seq, fromRole: 'visitor', fromName: 'Grace', fromUsername: null, toRole: null, toName: null, toUsername: null, body: `b${seq}`, sentAt: seq, clientMsgId: null,
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => store.applyChatChange({ messages: [msg(n)] })).concat(
      // A duplicate seq fails on its own without sinking the batch.
      store.applyChatChange({ messages: [msg(2, 'dup')] }),
      store.applyChatChange({ messages: [msg(4)] }),
    ));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // Pending writes are flushed by close().
    void store.applyChatChange({ messages: [msg(5)] });
    await store.close();
    const again = createSqliteStore(dir);
    assert.deepEqual((await again.getTranscript('c1')).map((m) => m.body), ['b1', 'b2', 'b3', 'b4', 'b5']);
    const live = await again.loadLiveState();
    assert.equal(live.chats[0]!.lastSeq, 5, 'the last message number is restored from the messages');
    await again.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
