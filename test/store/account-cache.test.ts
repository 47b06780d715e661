import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AccountRecord } from '../../server/domain/records.js';
import { createSqliteStores } from '../../server/store/sqlite/sqlite-store.js';

const account = (username: string): AccountRecord => ({
  username,
  name: username.toUpperCase(),
  email: null,
  role: 'agent',
  passwordHash: 'x',
  status: 'offline',
  maxChats: null,
  createdAt: 1,
});

test("the account cache sees its own writes at once and another process's writes after its TTL", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-store-'));
  let clock = 0;
  const mine = createSqliteStores(dir, { now: () => clock, writerThread: false });
  const other = createSqliteStores(dir, { writerThread: false }); // e.g. `switchboard admin …` writing the same file
  const store = mine.store;
  try {
    assert.equal(await store.createAccount(account('alice')), true);
    assert.equal((await store.getAccount('alice'))!.status, 'offline');
    await store.updateAccount('alice', { status: 'online' });
    assert.equal((await store.getAccount('alice'))!.status, 'online');
    await other.store.updateAccount('alice', { name: 'Renamed' });
    assert.equal((await store.getAccount('alice'))!.name, 'ALICE', 'served from memory within the TTL');
    clock += 5001;
    assert.equal((await store.getAccount('alice'))!.name, 'Renamed');
    await store.deleteAccount('alice');
    assert.equal(await store.getAccount('alice'), undefined);
  } finally {
    await mine.close();
    await other.close();
    await rm(dir, { recursive: true, force: true });
  }
});
