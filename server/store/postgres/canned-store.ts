import type pg from 'pg';
import type { CannedRecord, CannedStore } from '../../app/ports/canned.js';

interface CannedRow {
  id: string;
  shortcut: string;
  body: string;
  scope: 'team' | 'personal';
  owner: string;
  created_at: string;
  updated_at: string;
}

/** The table keeps '' as the owner of team replies, so that one UNIQUE index covers both scopes. */
const toCanned = (r: CannedRow): CannedRecord => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  scope: r.scope,
  owner: r.owner || null,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** Canned responses on PostgreSQL; every statement parameterized. */
export function postgresCannedStore(pool: pg.Pool): CannedStore {
  const one = async (text: string, values: unknown[]) => (await pool.query<CannedRow>(text, values)).rows[0];
  return {
    async list(username) {
      const { rows } = await pool.query<CannedRow>(
        `SELECT * FROM canned WHERE scope = 'team' OR owner = $1 ORDER BY scope DESC, shortcut COLLATE "C"`,
        [username],
      );
      return rows.map(toCanned);
    },
    async get(id) {
      const row = await one('SELECT * FROM canned WHERE id = $1', [id]);
      return row && toCanned(row);
    },
    async create(r) {
      try {
        await pool.query(
          `INSERT INTO canned (id, shortcut, body, scope, owner, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [r.id, r.shortcut, r.body, r.scope, r.owner ?? '', r.createdAt, r.updatedAt],
        );
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async update(id, patch, now) {
      try {
        const row = await one(
          `UPDATE canned SET shortcut = COALESCE($1, shortcut), body = COALESCE($2, body), updated_at = $3
           WHERE id = $4 RETURNING *`,
          [patch.shortcut ?? null, patch.body ?? null, now, id],
        );
        return row && toCanned(row);
      } catch (e) {
        if (isUniqueViolation(e)) return 'taken';
        throw e;
      }
    },
    async delete(id) {
      return ((await pool.query('DELETE FROM canned WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
  };
}
