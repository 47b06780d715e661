import type { Config } from '../config.js';
import type { Store } from './port.js';

/** The store the configuration asks for: PostgreSQL with `--database-url`, else SQLite in the data directory. */
/** `writerThread: false` for one-shot commands (no thread to start and stop). */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'sqliteSync'> & { databasePool?: number }, o: { writerThread?: boolean } = {}): Promise<Store> {
  if (config.databaseUrl) {
    const { createPostgresStore } = await import('./postgres/postgres-store.js');
    return createPostgresStore(config.databaseUrl, config.databasePool);
  }
  const { createSqliteStore } = await import('./sqlite/sqlite-store.js');
  return createSqliteStore(config.dataDir, { sync: config.sqliteSync, writerThread: o.writerThread });
}
