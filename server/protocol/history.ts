import { z } from 'zod';
import type { RatingView, VisitorView } from './visitor-context.js';

/** Contract v2, "History and search": the query of `GET /api/chats/history` and its answer. */

export const HISTORY_LIMIT_DEFAULT = 20;
export const HISTORY_LIMIT_MAX = 100;
export const HISTORY_QUERY_MAX = 200;
/** Words of `q` that count (the rest are ignored): a bound on the work one search may ask for. */
export const HISTORY_QUERY_WORDS_MAX = 16;

/** An ISO 8601 date or date-time (`2026-12-01`, `2026-12-01T09:30:00Z`, with an offset), as epoch ms. */
const isoTime = (field: string) =>
  z
    .string()
    .max(40, `${field} must be at most 40 characters`)
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, {
      message: `${field} must be an ISO 8601 date or date-time (e.g. 2026-12-01 or 2026-12-01T09:30:00Z)`,
    })
    .transform((s, ctx) => {
      const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: 'custom', message: `${field} is not a real date` });
        return z.NEVER;
      }
      return ms;
    });

/** Where a page ends: the last chat's place in the end order, opaque to clients (base64url of `e<seq>`). */
export const encodeCursor = (seq: number): string => Buffer.from(`e${seq}`).toString('base64url');

const cursor = z
  .string()
  .max(40, 'before must be at most 40 characters')
  .transform((s, ctx): number => {
    const m = /^e(\d{1,15})$/.exec(/^[A-Za-z0-9_-]+$/.test(s) ? Buffer.from(s, 'base64url').toString() : '');
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'before must be a cursor from a `next` of this endpoint' });
      return z.NEVER;
    }
    return Number(m[1]);
  });

export const historyQuery = z
  .object({
    q: z.string().max(HISTORY_QUERY_MAX, `q must be at most ${HISTORY_QUERY_MAX} characters`).optional(),
    agent: z.string().min(1, 'agent must not be empty').max(64, 'agent must be at most 64 characters').optional(),
    from: isoTime('from').optional(),
    to: isoTime('to').optional(),
    limit: z.coerce
      .number({ message: 'limit must be a whole number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(HISTORY_LIMIT_MAX, `limit must be at most ${HISTORY_LIMIT_MAX}`)
      .optional(),
    before: cursor.optional(),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from < v.to, { message: 'from must be before to' });

export type HistoryQuery = z.infer<typeof historyQuery>;

export interface HistoryEntry {
  chatId: string;
  visitor: VisitorView;
  /** Who held the chat last; null for a chat that ended in the queue before any agent took it. */
  agent: { username: string; name: string } | null;
  startedAt: string;
  endedAt: string;
  messageCount: number;
  rating?: RatingView;
  snippet?: string;
}

export interface HistoryPage {
  chats: HistoryEntry[];
  next?: string;
}
