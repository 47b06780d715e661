import type Database from 'better-sqlite3';
import type { HistoryStore } from '../../app/ports/history.js';
import { historySql, toHistoryRow, type HistoryDialect, type HistoryResultRow } from '../history-sql.js';

/**
 * History and search on SQLite: the FTS5 table `chats_search` (contentless; rowid = the chat's
 * end_seq) holds one document per ended chat, written by triggers (see the migration), tokenizer
 * `unicode61 remove_diacritics 2`. The search drives the scan, newest end first (FTS5 walks its rowids
 * backwards), so a page stops after `limit` matches. Each word is a quoted FTS5 string, the last one
 * also a prefix: `"refund" "ord"*`.
 */
const sqlite: HistoryDialect = {
  param: (n) => `@p${n}`,
  search: (q) => ({ join: 'JOIN chats_search s ON s.rowid = c.end_seq', where: `chats_search MATCH ${q}` }),
  searchKey: 's.rowid',
  queryText: (words) => words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' '),
};

export function sqliteHistoryStore(db: Database.Database): HistoryStore {
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let stmt = statements.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      if (statements.size < 64) statements.set(text, stmt);
    }
    return stmt;
  };
  const bodies = db.prepare<[string], { body: string }>('SELECT body FROM messages WHERE chat_id = ? ORDER BY seq');
  return {
    async searchChats(filter) {
      const { text, values } = historySql(sqlite, filter);
      const named = Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]));
      return (prepared(text).all(named) as HistoryResultRow[]).map(toHistoryRow);
    },
    bodiesOf: async (chatId) => bodies.all(chatId).map((r) => r.body),
  };
}
