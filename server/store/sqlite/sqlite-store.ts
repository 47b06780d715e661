import { join } from 'node:path';
import type { Store } from '../port.js';
import { openDatabase, type SqliteSync } from './open.js';
import { chatQueries } from './chat-store.js';
import { groupCommit } from './group-commit.js';
import { staffQueries } from './staff-store.js';

export const DATABASE_FILE = 'switchboard.db';

/**
 * The SQLite adapter behind the Store port. Chat writes (messages, starts, transfers, the queue) are
 * committed on a writer thread unless `writerThread` is false (one-shot CLI commands).
 */
export function createSqliteStore(dataDir: string, o: { writerThread?: boolean; sync?: SqliteSync } = {}): Store {
  const file = join(dataDir, DATABASE_FILE);
  const sync = o.sync ?? 'full';
  const db = openDatabase(file, sync);
  const writes = groupCommit({ db, file, sync, thread: o.writerThread ?? true });
  return {
    ...staffQueries(db),
    ...chatQueries(db, writes),
    async close() {
      if (!db.open) return;
      await writes.close();
      db.close();
    },
  };
}
