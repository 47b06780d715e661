import type Database from 'better-sqlite3';
import type { VisitorStore } from '../../app/ports/visitor-store.js';
import {
  toRating,
  toVisitorContext,
  VISITOR_CONTEXT_COLUMNS,
  visitorContextValues,
  type RatingRow,
  type VisitorContextRow,
} from '../visitor-rows.js';

/** Visitor contexts and ratings on SQLite (written on this thread: one small row each). */
export function sqliteVisitorStore(db: Database.Database): VisitorStore {
  const s = {
    known: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM visitor_contexts WHERE visitor_id = ? LIMIT 1'),
    insert: db.prepare(
      `INSERT INTO visitor_contexts (${VISITOR_CONTEXT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (entry_id) DO NOTHING`,
    ),
    contextOf: db.prepare<[string], VisitorContextRow>('SELECT * FROM visitor_contexts WHERE entry_id = ?'),
    previous: db.prepare<[string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM visitor_contexts v JOIN chats c ON c.queue_entry_id = v.entry_id
       WHERE v.visitor_id = ? AND c.started_at < ?`,
    ),
    addRating: db.prepare<[string, number, string | null, number]>(
      `INSERT INTO chat_ratings (chat_id, score, comment, rated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (chat_id) DO NOTHING`,
    ),
    ratingOf: db.prepare<[string], RatingRow>('SELECT * FROM chat_ratings WHERE chat_id = ?'),
  };
  return {
    knownVisitor: async (visitorId) => s.known.get(visitorId) !== undefined,
    async saveContext(c) {
      s.insert.run(...visitorContextValues(c));
    },
    async contextOf(entryId) {
      const r = s.contextOf.get(entryId);
      return r && toVisitorContext(r);
    },
    previousChats: async (visitorId, before) => s.previous.get(visitorId, before)?.n ?? 0,
    addRating: async (r) => s.addRating.run(r.chatId, r.score, r.comment, r.ratedAt).changes === 1,
    async ratingOf(chatId) {
      const r = s.ratingOf.get(chatId);
      return r && toRating(r);
    },
  };
}
