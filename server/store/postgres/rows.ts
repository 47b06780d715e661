import type { AccountRecord, ChatRecord, MessageRecord, QueueEntryRecord } from '../../domain/records.js';
import { CHAT_COLUMNS } from '../rows.js';

export { toAccount, toAgentMessage, toChat, toInvite, toMessage, toSession, CHAT_COLUMNS } from '../rows.js';
export type { AccountRow, AgentMessageRow, ChatRow, InviteRow, MessageRow, SessionRow } from '../rows.js';

/** PostgreSQL's own mapping (bigint columns arrive as numbers, see open.ts; `front` is a boolean). */

export const accountValues = (a: AccountRecord) => [
  a.username,
  a.name,
  a.email,
  a.role,
  a.passwordHash,
  a.status,
  a.maxChats,
  a.createdAt,
];

export interface QueueEntryRow {
  id: string;
  name: string;
  joined_at: number;
  front: boolean;
  position: number;
  chat_id: string | null;
}
export const toQueueEntry = (r: QueueEntryRow): QueueEntryRecord => ({
  id: r.id,
  name: r.name,
  joinedAt: r.joined_at,
  front: r.front,
  position: r.position,
  chatId: r.chat_id,
});

export const chatValues = (c: ChatRecord) => (Object.keys(CHAT_COLUMNS) as (keyof ChatRecord)[]).map((k) => c[k]);

export const MESSAGE_COLUMNS =
  'id, chat_id, seq, from_role, from_name, from_username, to_role, to_name, to_username, body, sent_at, client_msg_id, ' +
  'internal';
export const messageValues = (m: MessageRecord) => [
  m.id,
  m.chatId,
  m.seq,
  m.fromRole,
  m.fromName,
  m.fromUsername,
  m.toRole,
  m.toName,
  m.toUsername,
  m.body,
  m.sentAt,
  m.clientMsgId,
  m.internal === true,
];
