import type { RatingRecord, VisitorContextRecord } from '../domain/visitor.js';

/** Row ↔ record mapping of visitor contexts and ratings, shared by both adapters. */

export interface VisitorContextRow {
  entry_id: string;
  visitor_id: string;
  email: string | null;
  /** JSON text (SQLite) or an object already parsed (PostgreSQL jsonb). */
  page: string | object | null;
  attributes: string | object | null;
  user_agent: string | null;
  locale: string | null;
  created_at: number;
}

const parsed = <T>(v: string | object | null): T | null =>
  v === null ? null : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

export const toVisitorContext = (r: VisitorContextRow): VisitorContextRecord => ({
  entryId: r.entry_id,
  visitorId: r.visitor_id,
  email: r.email,
  page: parsed(r.page),
  attributes: parsed(r.attributes),
  userAgent: r.user_agent,
  locale: r.locale,
  createdAt: r.created_at,
});

/** The row's values in column order (see VISITOR_CONTEXT_COLUMNS); objects as JSON text. */
export const visitorContextValues = (c: VisitorContextRecord): unknown[] => [
  c.entryId,
  c.visitorId,
  c.email,
  c.page ? JSON.stringify(c.page) : null,
  c.attributes ? JSON.stringify(c.attributes) : null,
  c.userAgent,
  c.locale,
  c.createdAt,
];
export const VISITOR_CONTEXT_COLUMNS = 'entry_id, visitor_id, email, page, attributes, user_agent, locale, created_at';

export interface RatingRow {
  chat_id: string;
  score: number;
  comment: string | null;
  rated_at: number;
}
export const toRating = (r: RatingRow): RatingRecord => ({
  chatId: r.chat_id,
  score: r.score,
  comment: r.comment,
  ratedAt: r.rated_at,
});
