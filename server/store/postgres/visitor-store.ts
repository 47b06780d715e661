import type pg from 'pg';
import type { VisitorStore } from '../../app/ports/visitor-store.js';
import {
  toRating,
  toVisitorContext,
  VISITOR_CONTEXT_COLUMNS,
  visitorContextValues,
  type RatingRow,
  type VisitorContextRow,
} from '../visitor-rows.js';

/** Visitor contexts and ratings on PostgreSQL (page and attributes as jsonb). */
export function postgresVisitorStore(pool: pg.Pool): VisitorStore {
  const count = async (text: string, values: unknown[]) =>
    (await pool.query<{ n: number }>(text, values)).rows[0]?.n ?? 0;
  return {
    knownVisitor: async (visitorId) =>
      (await pool.query('SELECT 1 FROM visitor_contexts WHERE visitor_id = $1 LIMIT 1', [visitorId])).rowCount === 1,
    async saveContext(c) {
      await pool.query(
        `INSERT INTO visitor_contexts (${VISITOR_CONTEXT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (entry_id) DO NOTHING`,
        visitorContextValues(c),
      );
    },
    async contextOf(entryId) {
      const r = (await pool.query<VisitorContextRow>('SELECT * FROM visitor_contexts WHERE entry_id = $1', [entryId]))
        .rows[0];
      return r && toVisitorContext(r);
    },
    previousChats: (visitorId, before) =>
      count(
        `SELECT count(*) AS n FROM visitor_contexts v JOIN chats c ON c.queue_entry_id = v.entry_id
         WHERE v.visitor_id = $1 AND c.started_at < $2`,
        [visitorId, before],
      ),
    addRating: async (r) =>
      (
        await pool.query(
          `INSERT INTO chat_ratings (chat_id, score, comment, rated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (chat_id) DO NOTHING`,
          [r.chatId, r.score, r.comment, r.ratedAt],
        )
      ).rowCount === 1,
    async ratingOf(chatId) {
      const r = (await pool.query<RatingRow>('SELECT * FROM chat_ratings WHERE chat_id = $1', [chatId])).rows[0];
      return r && toRating(r);
    },
  };
}
