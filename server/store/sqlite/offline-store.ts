import type Database from 'better-sqlite3';
import type {
  ChatStatsStore,
  OfflineMessageRecord,
  OfflineMessageStore,
  OfflineReplyRecord,
  OfflineStatus,
} from '../../app/ports/offline-messages.js';

export interface OfflineMessageRow {
  id: string;
  name: string;
  email: string;
  body: string;
  page: string | null;
  locale: string | null;
  created_at: number | string;
  status: OfflineStatus;
}

export interface OfflineReplyRow {
  message_id: string;
  body: string;
  by_username: string;
  by_name: string;
  sent_at: number | string;
}

/** Rows to records (shared with the PostgreSQL adapter, whose bigints arrive as strings). */
export function toOfflineMessage(row: OfflineMessageRow, replies: OfflineReplyRow[]): OfflineMessageRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    body: row.body,
    page: row.page ? (JSON.parse(row.page) as OfflineMessageRecord['page']) : null,
    locale: row.locale,
    createdAt: Number(row.created_at),
    status: row.status,
    replies: replies
      .filter((r) => r.message_id === row.id)
      .map((r) => ({ body: r.body, byUsername: r.by_username, byName: r.by_name, sentAt: Number(r.sent_at) })),
  };
}

export const offlineMessageValues = (m: OfflineMessageRecord) => [
  m.id,
  m.name,
  m.email,
  m.body,
  m.page ? JSON.stringify(m.page) : null,
  m.locale,
  m.createdAt,
  m.status,
];

/** Offline messages and chat statistics on SQLite (written directly: nothing here is on the chat hot path). */
export function sqliteOfflineStore(db: Database.Database): OfflineMessageStore & ChatStatsStore {
  const s = {
    insert: db.prepare(
      `INSERT INTO offline_messages (id, name, email, body, page, locale, created_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare<[string], OfflineMessageRow>('SELECT * FROM offline_messages WHERE id = ?'),
    list: db.prepare<[string | null, string | null, number], OfflineMessageRow>(
      `SELECT * FROM offline_messages WHERE (? IS NULL OR status = ?)
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    repliesOf: db.prepare<[string], OfflineReplyRow>(
      'SELECT * FROM offline_message_replies WHERE message_id = ? ORDER BY sent_at, rowid',
    ),
    insertReply: db.prepare(
      `INSERT INTO offline_message_replies (message_id, body, by_username, by_name, sent_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    answer: db.prepare<[string]>(`UPDATE offline_messages SET status = 'answered' WHERE id = ? AND status <> 'closed'`),
    close: db.prepare<[string]>(`UPDATE offline_messages SET status = 'closed' WHERE id = ?`),
    durations: db.prepare<[number], { d: number }>(
      `SELECT ended_at - started_at AS d FROM chats WHERE ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?`,
    ),
  };
  const read = (row: OfflineMessageRow | undefined) => row && toOfflineMessage(row, s.repliesOf.all(row.id));
  const reply = db.transaction((id: string, r: OfflineReplyRecord) => {
    const row = s.get.get(id);
    if (!row || row.status === 'closed') return read(row);
    s.insertReply.run(id, r.body, r.byUsername, r.byName, r.sentAt);
    s.answer.run(id);
    return read(s.get.get(id));
  });
  return {
    async add(m) {
      s.insert.run(...offlineMessageValues(m));
    },
    async get(id) {
      return read(s.get.get(id));
    },
    async list(status, limit) {
      return s.list.all(status ?? null, status ?? null, limit).map((row) => read(row)!);
    },
    async addReply(id, r) {
      return reply(id, r);
    },
    async close(id) {
      return s.close.run(id).changes === 1;
    },
    async recentChatDurations(limit) {
      return s.durations.all(limit).map((r) => r.d);
    },
  };
}
