import { join } from 'node:path';
import type { Stores } from '../../app/ports/store.js';
import type { AccountRecord } from '../../domain/records.js';
import { withAccountCache } from '../account-cache.js';
import { createMemoryChatStore } from '../memory/memory-chat-store.js';
import { sqliteCannedStore } from './canned-store.js';
import { sqliteChatLog } from './chat-log.js';
import { groupCommit } from './group-commit.js';
import { sqliteHistoryStore } from './history-store.js';
import { openDatabase, type SqliteSync } from './open.js';
import { sqliteOfflineStore } from './offline-store.js';
import { staffQueries } from './staff-store.js';
import { sqliteVisitorStore } from './visitor-store.js';
import { DATABASE_FILE } from '../open-store.js';

export { DATABASE_FILE };

export interface SqliteOptions {
  /** Commit chat writes on a writer thread (default); false for one-shot CLI commands. */
  writerThread?: boolean;
  sync?: SqliteSync;
  /** The clock (tests pass a fake one). */
  now?: () => number;
  /** The file, instead of DATABASE_FILE in the data dir (`:memory:` for fast tests, without the writer thread). */
  file?: string;
}

/**
 * The one-node stores on SQLite: accounts and the rest in the database; the chat side in memory
 * (queue, open chats, presence) with every change written to the database through the group commit.
 */
export function createSqliteStores(dataDir: string, o: SqliteOptions = {}): Stores {
  const file = o.file ?? join(dataDir, DATABASE_FILE);
  const sync = o.sync ?? 'full';
  const db = openDatabase(file, sync);
  const writes = groupCommit({ db, file, sync, thread: (o.writerThread ?? true) && file !== ':memory:' });
  const store = withAccountCache(staffQueries(db), 5000, o.now);
  const accounts = (username: string): Promise<AccountRecord | undefined> => store.getAccount(username);
  const chats = createMemoryChatStore({ log: sqliteChatLog(db, writes), accounts, now: o.now ?? Date.now });
  return {
    store,
    chats,
    visitors: sqliteVisitorStore(db),
    canned: sqliteCannedStore(db),
    history: sqliteHistoryStore(db),
    offline: sqliteOfflineStore(db),
    async close() {
      if (!db.open) return;
      await writes.close();
      db.close();
    },
  };
}
