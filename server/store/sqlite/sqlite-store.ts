import { join } from 'node:path';
import type { Store } from '../port.js';
import { openDatabase } from './open.js';
import { chatQueries } from './chat-store.js';
import { staffQueries } from './staff-store.js';

export const DATABASE_FILE = 'switchboard.db';

/** The SQLite adapter behind the Store port. */
export function createSqliteStore(dataDir: string): Store {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const { flushPending, ...chats } = chatQueries(db);
  return {
    ...staffQueries(db),
    ...chats,
    async close() {
      if (!db.open) return;
      flushPending();
      db.close();
    },
  };
}
