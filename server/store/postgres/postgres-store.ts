import type { Stores } from '../../app/ports/store.js';
import { withAccountCache } from '../account-cache.js';
import { postgresCannedStore } from './canned-store.js';
import { postgresChatStore } from './chat-store.js';
import { postgresHistoryStore } from './history-store.js';
import { postgresOfflineStore } from './offline-store.js';
import { openPool } from './open.js';
import { staffQueries } from './staff-store.js';
import { postgresVisitorStore } from './visitor-store.js';

/**
 * The stores on PostgreSQL (`--database-url postgres://…`), shared by every node: migrates at open,
 * then every call goes through a connection pool of `poolSize` connections.
 */
export async function createPostgresStores(url: string, poolSize = 10): Promise<Stores> {
  const pool = await openPool(url, poolSize);
  let closing: Promise<void> | undefined;
  return {
    store: withAccountCache(staffQueries(pool)),
    chats: postgresChatStore(pool),
    visitors: postgresVisitorStore(pool),
    canned: postgresCannedStore(pool),
    history: postgresHistoryStore(pool),
    offline: postgresOfflineStore(pool),
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
