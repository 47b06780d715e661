import type pg from 'pg';
import type { ChatStatsStore, OfflineMessageStore } from '../../app/ports/offline-messages.js';
import {
  offlineMessageValues,
  toOfflineMessage,
  type OfflineMessageRow,
  type OfflineReplyRow,
} from '../sqlite/offline-store.js';
import { inTransaction } from './transaction.js';

const REPLIES = 'SELECT * FROM offline_message_replies WHERE message_id = ANY($1) ORDER BY sent_at, id';

/** Offline messages and chat statistics on PostgreSQL; every statement parameterized. */
export function postgresOfflineStore(pool: pg.Pool): OfflineMessageStore & ChatStatsStore {
  const withReplies = async (db: pg.Pool | pg.PoolClient, rows: OfflineMessageRow[]) => {
    if (!rows.length) return [];
    const replies = (await db.query<OfflineReplyRow>(REPLIES, [rows.map((r) => r.id)])).rows;
    return rows.map((row) => toOfflineMessage(row, replies));
  };
  const getWith = async (db: pg.Pool | pg.PoolClient, id: string, lock = false) => {
    const sql = `SELECT * FROM offline_messages WHERE id = $1${lock ? ' FOR UPDATE' : ''}`;
    return (await withReplies(db, (await db.query<OfflineMessageRow>(sql, [id])).rows))[0];
  };
  return {
    async add(m) {
      await pool.query(
        `INSERT INTO offline_messages (id, name, email, body, page, locale, created_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        offlineMessageValues(m),
      );
    },
    get: (id) => getWith(pool, id),
    async list(status, limit) {
      const rows = await pool.query<OfflineMessageRow>(
        `SELECT * FROM offline_messages WHERE ($1::text IS NULL OR status = $1)
         ORDER BY created_at DESC, pos DESC LIMIT $2`,
        [status ?? null, limit],
      );
      return withReplies(pool, rows.rows);
    },
    addReply(id, r) {
      return inTransaction(pool, async (client) => {
        const m = await getWith(client, id, true);
        if (!m || m.status === 'closed') return m;
        await client.query(
          `INSERT INTO offline_message_replies (message_id, body, by_username, by_name, sent_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [id, r.body, r.byUsername, r.byName, r.sentAt],
        );
        await client.query(`UPDATE offline_messages SET status = 'answered' WHERE id = $1`, [id]);
        return getWith(client, id);
      });
    },
    async close(id) {
      return (await pool.query(`UPDATE offline_messages SET status = 'closed' WHERE id = $1`, [id])).rowCount === 1;
    },
    async recentChatDurations(limit) {
      const rows = await pool.query<{ d: string }>(
        'SELECT ended_at - started_at AS d FROM chats WHERE ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT $1',
        [limit],
      );
      return rows.rows.map((r) => Number(r.d));
    },
  };
}
