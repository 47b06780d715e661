import type { ChatRecord, QueueEntryRecord } from '../../domain/records.js';
import { CHAT_COLUMNS, type ChatRow } from '../rows.js';

/** SQLite's own mapping: `front` is an integer there; the rest is shared (../rows.ts). */

export interface QueueEntryRow {
  id: string;
  name: string;
  joined_at: number;
  front: number;
  position: number;
  chat_id: string | null;
}
export const toQueueEntry = (r: QueueEntryRow): QueueEntryRecord => ({
  id: r.id,
  name: r.name,
  joinedAt: r.joined_at,
  front: r.front === 1,
  position: r.position,
  chatId: r.chat_id,
});
export const fromQueueEntry = (e: QueueEntryRecord): QueueEntryRow => ({
  id: e.id,
  name: e.name,
  joined_at: e.joinedAt,
  front: e.front ? 1 : 0,
  position: e.position,
  chat_id: e.chatId,
});
export const fromChat = (c: ChatRecord): ChatRow =>
  Object.fromEntries(
    Object.entries(CHAT_COLUMNS).map(([k, col]) => [col, c[k as keyof ChatRecord]]),
  ) as unknown as ChatRow;
