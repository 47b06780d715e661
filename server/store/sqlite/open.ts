import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';

export type SqliteSync = 'full' | 'normal';

/**
 * Opens (creating if needed) the database file in WAL mode. synchronous=FULL (default): a commit is
 * fsynced before it is acknowledged, so it survives a process crash and a power loss. NORMAL: a
 * commit survives a process crash (kill -9) but the last ones may be lost on a power loss.
 * A new file is created 0600 in a 0700 folder, whatever the umask; SQLite gives its -wal and -shm
 * files the database file's mode.
 */
export function openDatabase(file: string, sync: SqliteSync = 'full'): Database.Database {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
