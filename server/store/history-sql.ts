import type { HistoryFilter, HistoryRow } from '../app/ports/history.js';
import { toRating } from './visitor-rows.js';
import { toChat, type ChatRow } from './rows.js';

/**
 * The history query, written once for both SQL stores. Ended chats carry `end_seq` (their place in
 * the order chats ended in, given by a trigger when a chat ends) and a search document (the visitor's
 * name and every message), so a page is "the newest ends first, up to the limit", stopping early.
 */
export interface HistoryDialect {
  /** The placeholder of the n-th value (1-based). */
  param(n: number): string;
  /** With a search: the join that brings the search document in (or nothing), and its condition. */
  search(q: string): { join: string; where: string };
  /** With a search: the column the order and the cursor use (the search table's, when that drives the scan). */
  searchKey: string;
  /** The words as this store's query text. */
  queryText(words: string[]): string;
}

const tookPart = (who: string) =>
  `(c.agent_username = ${who} OR EXISTS (SELECT 1 FROM messages p WHERE p.chat_id = c.id
    AND (p.from_username = ${who} OR p.to_username = ${who})))`;

export function historySql(d: HistoryDialect, f: HistoryFilter): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return d.param(values.length);
  };
  const search = f.words?.length ? d.search(add(d.queryText(f.words))) : undefined;
  const key = search ? d.searchKey : 'c.end_seq';
  const where = ['c.end_seq IS NOT NULL'];
  if (search) where.push(search.where);
  if (f.viewer !== undefined) where.push(tookPart(add(f.viewer)));
  if (f.agent !== undefined && f.agent !== f.viewer) where.push(tookPart(add(f.agent)));
  if (f.from !== undefined) where.push(`c.ended_at >= ${add(f.from)}`);
  if (f.to !== undefined) where.push(`c.ended_at < ${add(f.to)}`);
  if (f.before !== undefined) where.push(`${key} < ${add(f.before)}`);
  // The page's chats first, then their counts and ratings (for those only, not for every match).
  const text = `SELECT c.*, (SELECT count(*) FROM messages x WHERE x.chat_id = c.id) AS message_count,
      r.score AS rating_score, r.comment AS rating_comment, r.rated_at AS rating_at
    FROM chats c LEFT JOIN chat_ratings r ON r.chat_id = c.id
    WHERE c.id IN (SELECT c.id FROM chats c ${search?.join ?? ''}
      WHERE ${where.join('\n        AND ')}
      ORDER BY ${key} DESC
      LIMIT ${add(f.limit)})
    ORDER BY c.end_seq DESC`;
  return { text, values };
}

export type HistoryResultRow = ChatRow & {
  end_seq: number;
  message_count: number;
  rating_score: number | null;
  rating_comment: string | null;
  rating_at: number | null;
};

export const toHistoryRow = (r: HistoryResultRow): HistoryRow => ({
  chat: toChat(r),
  seq: Number(r.end_seq),
  messageCount: Number(r.message_count),
  ...(r.rating_score !== null
    ? {
        rating: toRating({ chat_id: r.id, score: r.rating_score, comment: r.rating_comment, rated_at: r.rating_at! }),
      }
    : {}),
});
