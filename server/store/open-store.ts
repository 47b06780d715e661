import type { Stores } from '../app/ports/store.js';
import type { Config } from '../config.js';

export interface OpenOptions {
  /** false for one-shot commands: no writer thread to start and stop (SQLite). */
  writerThread?: boolean;
  /** The clock (tests pass a fake one). */
  now?: () => number;
}

/** The stores the configuration asks for: PostgreSQL with `--database-url`, else SQLite in the data directory. */
export async function openStore(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'sqliteSync'> & { databasePool?: number },
  o: OpenOptions = {},
): Promise<Stores> {
  if (config.databaseUrl) {
    const { createPostgresStores } = await import('./postgres/postgres-store.js');
    return createPostgresStores(config.databaseUrl, config.databasePool);
  }
  const { createSqliteStores } = await import('./sqlite/sqlite-store.js');
  return createSqliteStores(config.dataDir, { sync: config.sqliteSync, writerThread: o.writerThread, now: o.now });
}
