import type pg from 'pg';
import type { HistoryStore } from '../../app/ports/history.js';
import { historySql, toHistoryRow, type HistoryDialect, type HistoryResultRow } from '../history-sql.js';

/**
 * History and search on PostgreSQL: `chats.search`, the tsvector of an ended chat (the visitor's
 * name and every message, folded by switchboard_search_text, config `simple`), written by triggers,
 * with a GIN index. Each word a lexeme, the last one also a prefix: `'refund' & 'ord':*`.
 */
const postgres: HistoryDialect = {
  param: (n) => `$${n}`,
  search: (q) => ({ join: '', where: `c.search @@ to_tsquery('simple', ${q})` }),
  searchKey: 'c.end_seq',
  queryText: (words) => words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & '),
};

export function postgresHistoryStore(pool: pg.Pool): HistoryStore {
  return {
    async searchChats(filter) {
      const { text, values } = historySql(postgres, filter);
      return (await pool.query<HistoryResultRow>(text, values)).rows.map(toHistoryRow);
    },
    bodiesOf: async (chatId) =>
      (
        await pool.query<{ body: string }>('SELECT body FROM messages WHERE chat_id = $1 ORDER BY seq', [chatId])
      ).rows.map((r) => r.body),
  };
}
