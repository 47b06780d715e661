import type Database from 'better-sqlite3';
import type { CannedRecord, CannedStore } from '../../app/ports/canned.js';

interface CannedRow {
  id: string;
  shortcut: string;
  body: string;
  scope: 'team' | 'personal';
  owner: string;
  created_at: number;
  updated_at: number;
}

/** The table keeps '' as the owner of team replies, so that one UNIQUE index covers both scopes. */
const toCanned = (r: CannedRow): CannedRecord => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  scope: r.scope,
  owner: r.owner || null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** Canned responses on SQLite. */
export function sqliteCannedStore(db: Database.Database): CannedStore {
  const s = {
    list: db.prepare<[string], CannedRow>(
      `SELECT * FROM canned WHERE scope = 'team' OR owner = ? ORDER BY scope DESC, shortcut`,
    ),
    get: db.prepare<[string], CannedRow>('SELECT * FROM canned WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO canned (id, shortcut, body, scope, owner, created_at, updated_at)
       VALUES (@id, @shortcut, @body, @scope, @owner, @createdAt, @updatedAt)`,
    ),
    update: db.prepare<[string | null, string | null, number, string]>(
      `UPDATE canned SET shortcut = COALESCE(?, shortcut), body = COALESCE(?, body), updated_at = ? WHERE id = ?`,
    ),
    delete: db.prepare<[string]>('DELETE FROM canned WHERE id = ?'),
  };
  return {
    async list(username) {
      return s.list.all(username).map(toCanned);
    },
    async get(id) {
      const row = s.get.get(id);
      return row && toCanned(row);
    },
    async create(record) {
      try {
        s.insert.run({ ...record, owner: record.owner ?? '' });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async update(id, patch, now) {
      try {
        if (s.update.run(patch.shortcut ?? null, patch.body ?? null, now, id).changes === 0) return undefined;
      } catch (e) {
        if (isUniqueViolation(e)) return 'taken';
        throw e;
      }
      return toCanned(s.get.get(id)!);
    },
    async delete(id) {
      return s.delete.run(id).changes > 0;
    },
  };
}
