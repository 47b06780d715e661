import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Stores } from '../app/ports/store.js';
import type { Config } from '../config.js';

/** The SQLite database's file in the data dir. */
export const DATABASE_FILE = 'switchboard.db';

/**
 * Whether the configuration names a database that exists: with `--database-url` the server's
 * (assumed there), else the SQLite file in the data dir. Checked before a one-shot command opens
 * one, so that a wrong folder is not silently given a new, empty database.
 */
export const databaseExists = (config: Pick<Config, 'dataDir' | 'databaseUrl'>): boolean =>
  Boolean(config.databaseUrl) || existsSync(join(config.dataDir, DATABASE_FILE));

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
