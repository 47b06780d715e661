import type { ChatRecord } from './records.js';
import { CONTROL_CHARS_RE } from '../protocol/limits.js';
import {
  VISITOR_LIMITS,
  type PageInfo,
  type VisitorAttributes,
  type VisitorView,
} from '../protocol/visitor-context.js';

/** What is stored of a visitor when it joins the queue (never its address). Times are epoch ms. */
export interface VisitorContextRecord {
  /** The queue entry it joined with (a chat's `queueEntryId`). */
  entryId: string;
  visitorId: string;
  email: string | null;
  page: PageInfo | null;
  attributes: VisitorAttributes | null;
  userAgent: string | null;
  locale: string | null;
  createdAt: number;
}

export interface RatingRecord {
  chatId: string;
  score: number;
  comment: string | null;
  ratedAt: number;
}

/** The User-Agent header as stored: control characters dropped, at most 256 characters. */
export function cutUserAgent(header: string | undefined): string | null {
  if (!header) return null;
  const clean = header.replace(new RegExp(CONTROL_CHARS_RE.source, 'g'), '').trim();
  return clean ? Array.from(clean).slice(0, VISITOR_LIMITS.userAgentMax).join('') : null;
}

const LANGUAGE_TAG_RE = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** The first tag of an Accept-Language header (`de-CH,de;q=0.9` → `de-CH`); null when there is none ("*"). */
export function firstLocale(header: string | undefined): string | null {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  return first && LANGUAGE_TAG_RE.test(first) ? first : null;
}

/** The last `max` characters of a draft (what the visitor typed most recently), by code point. */
export function draftTail(draft: string, max = VISITOR_LIMITS.draftMax): string {
  const chars = Array.from(draft);
  return chars.length <= max ? draft : chars.slice(-max).join('');
}

/**
 * What staff see of a chat's visitor. A chat from before visitor context was stored has no record:
 * its visitorId is then its queue entry's id (one chat, no history).
 */
export function visitorView(
  chat: Pick<ChatRecord, 'visitorName' | 'queueEntryId'>,
  context: VisitorContextRecord | undefined,
  previousChats: number,
): VisitorView {
  return {
    name: chat.visitorName,
    ...(context?.email ? { email: context.email } : {}),
    ...(context?.page ? { page: context.page } : {}),
    ...(context?.attributes ? { attributes: context.attributes } : {}),
    ...(context?.userAgent ? { userAgent: context.userAgent } : {}),
    ...(context?.locale ? { locale: context.locale } : {}),
    visitorId: context?.visitorId ?? chat.queueEntryId,
    previousChats,
  };
}
