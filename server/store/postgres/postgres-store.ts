import type { Store } from '../port.js';
import { chatQueries } from './chat-store.js';
import { groupCommit } from './group-commit.js';
import { orderedPool } from './in-order.js';
import { openPool } from './open.js';
import { staffQueries } from './staff-store.js';
import { sharedChatStore } from './shared/shared-store.js';

/**
 * The PostgreSQL adapter behind the Store port (`--database-url postgres://…`). Migrates at open;
 * other calls go through a connection pool (their results given back in call order), chat writes
 * through one dedicated connection in request order.
 */
export async function createPostgresStore(url: string, poolSize = 10): Promise<Store> {
  const pool = await openPool(url, poolSize);
  const writes = groupCommit(pool);
  const reads = orderedPool(pool); // one order for every call through the pool
  let closing: Promise<void> | undefined;
  return {
    ...staffQueries(reads),
    ...chatQueries(reads, writes),
    shared: sharedChatStore(pool),
    close() {
      closing ??= (async () => {
        await writes.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
