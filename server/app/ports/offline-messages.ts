/** Messages left while nobody could chat ("leave a message"), and the replies staff e-mailed. */

export type OfflineStatus = 'open' | 'answered' | 'closed';

export interface OfflineReplyRecord {
  body: string;
  byUsername: string;
  byName: string;
  sentAt: number;
}

export interface OfflineMessageRecord {
  id: string;
  name: string;
  email: string;
  body: string;
  /** The page it was left on (JSON object with url, title, referrer), if told. */
  page: { url?: string; title?: string; referrer?: string } | null;
  /** The visitor's language at submission (from Accept-Language), for the reply e-mail. */
  locale: string | null;
  createdAt: number;
  status: OfflineStatus;
  /** Oldest first. */
  replies: OfflineReplyRecord[];
}

/** Every method is atomic on its own. */
export interface OfflineMessageStore {
  add(message: OfflineMessageRecord): Promise<void>;
  get(id: string): Promise<OfflineMessageRecord | undefined>;
  /** Newest first; `status` undefined: every status. */
  list(status: OfflineStatus | undefined, limit: number): Promise<OfflineMessageRecord[]>;
  /**
   * Stores a reply and marks the message answered, unless it is closed. Resolves the message as it
   * is now; undefined when unknown; unchanged (status closed) when it was closed.
   */
  addReply(id: string, reply: OfflineReplyRecord): Promise<OfflineMessageRecord | undefined>;
  /** Marks the message closed; false when unknown. */
  close(id: string): Promise<boolean>;
}

/** What the wait estimate reads from the store (shared by every node). */
export interface ChatStatsStore {
  /** Durations in ms (end − start) of the last `limit` ended chats, newest first. */
  recentChatDurations(limit: number): Promise<number[]>;
}
