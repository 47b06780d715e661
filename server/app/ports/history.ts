import type { ChatRecord } from '../../domain/records.js';
import type { RatingRecord } from '../../domain/visitor.js';

/** Which ended chats a history page holds (contract v2, "History and search"). */
export interface HistoryFilter {
  /** Only chats this staff member took part in (agents); absent: every chat (admins). */
  viewer?: string;
  /** Only chats this username took part in (the `agent` parameter). */
  agent?: string;
  /** Ended at or after (epoch ms). */
  from?: number;
  /** Ended before (epoch ms). */
  to?: number;
  /** Only chats that ended before this one: its place in the end order (`seq`). */
  before?: number;
  /** Folded words (see domain/search-text.ts): the chat holds them all, in its messages and its visitor's name. */
  words?: string[];
  limit: number;
}

export interface HistoryRow {
  chat: ChatRecord;
  /** Its place in the order chats ended in (1, 2, …): the page order, newest end first, and the cursor. */
  seq: number;
  messageCount: number;
  rating?: RatingRecord;
}

/**
 * Ended chats, searched: SQLite FTS5 tables kept in step by triggers, PostgreSQL tsvector with GIN
 * indexes. "Took part": held the chat last, or wrote or was written to in it (as GET /api/chats/:id).
 */
export interface HistoryStore {
  searchChats(filter: HistoryFilter): Promise<HistoryRow[]>;
  /** The bodies of a chat's messages in order (every message: staff see notes too). */
  bodiesOf(chatId: string): Promise<string[]>;
}
