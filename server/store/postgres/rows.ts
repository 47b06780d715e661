import type { AccountRecord, AgentMessageRecord, ChatRecord, InviteRecord, MessageRecord, QueueEntryRecord, SessionRecord } from '../port.js';

/** Row ↔ record mapping for PostgreSQL (bigint columns arrive as numbers, see open.ts). */

export interface AccountRow {
  username: string; name: string; email: string | null; role: string; password_hash: string; status: string;
  max_chats: number | null; created_at: number;
}
export const toAccount = (r: AccountRow): AccountRecord => ({
  username: r.username, name: r.name, email: r.email, role: r.role as AccountRecord['role'], passwordHash: r.password_hash,
  status: r.status as AccountRecord['status'], maxChats: r.max_chats, createdAt: r.created_at,
});
export const accountValues = (a: AccountRecord) => [a.username, a.name, a.email, a.role, a.passwordHash, a.status, a.maxChats, a.createdAt];

export interface InviteRow {
  token_hash: string; username: string; name: string; email: string; invited_by: string;
  created_at: number; expires_at: number; used_at: number | null;
}
export const toInvite = (r: InviteRow): InviteRecord => ({
  tokenHash: r.token_hash, username: r.username, name: r.name, email: r.email, invitedBy: r.invited_by,
  createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at,
});

export interface SessionRow { jti: string; username: string; created_at: number; expires_at: number }
export const toSession = (r: SessionRow): SessionRecord => ({ jti: r.jti, username: r.username, createdAt: r.created_at, expiresAt: r.expires_at });

export interface AgentMessageRow { id: string; sender: string; recipient: string; body: string; sent_at: number }
export const toAgentMessage = (r: AgentMessageRow): AgentMessageRecord => ({ id: r.id, from: r.sender, to: r.recipient, body: r.body, sentAt: r.sent_at });

export interface QueueEntryRow { id: string; name: string; joined_at: number; front: boolean; position: number; chat_id: string | null }
export const toQueueEntry = (r: QueueEntryRow): QueueEntryRecord => ({
  id: r.id, name: r.name, joinedAt: r.joined_at, front: r.front, position: r.position, chatId: r.chat_id,
});
export const queueEntryValues = (e: QueueEntryRecord) => [e.id, e.name, e.joinedAt, e.front, e.position, e.chatId];

export interface ChatRow {
  id: string; visitor_name: string; agent_username: string | null; agent_name: string | null; status: string;
  started_at: number; ended_at: number | null; ended_by: string | null; last_seq: number; queue_entry_id: string;
}
export const toChat = (r: ChatRow): ChatRecord => ({
  id: r.id, visitorName: r.visitor_name, agentUsername: r.agent_username, agentName: r.agent_name,
  status: r.status as ChatRecord['status'], startedAt: r.started_at, endedAt: r.ended_at,
  endedBy: r.ended_by as ChatRecord['endedBy'], lastSeq: r.last_seq, queueEntryId: r.queue_entry_id,
});
/** Record field → column; the order of `Object.keys` is the column order of `chatValues`. */
export const CHAT_COLUMNS: Record<keyof ChatRecord, keyof ChatRow> = {
  id: 'id', visitorName: 'visitor_name', agentUsername: 'agent_username', agentName: 'agent_name', status: 'status',
  startedAt: 'started_at', endedAt: 'ended_at', endedBy: 'ended_by', lastSeq: 'last_seq', queueEntryId: 'queue_entry_id',
};
export const chatValues = (c: ChatRecord) => (Object.keys(CHAT_COLUMNS) as (keyof ChatRecord)[]).map((k) => c[k]);

export interface MessageRow {
  id: string; chat_id: string; seq: number; from_role: string; from_name: string; from_username: string | null;
  to_role: string | null; to_name: string | null; to_username: string | null; body: string; sent_at: number;
  client_msg_id: string | null;
}
export const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id, chatId: r.chat_id, seq: r.seq, fromRole: r.from_role as MessageRecord['fromRole'], fromName: r.from_name,
  fromUsername: r.from_username, toRole: r.to_role as MessageRecord['toRole'], toName: r.to_name,
  toUsername: r.to_username, body: r.body, sentAt: r.sent_at, clientMsgId: r.client_msg_id,
});
export const MESSAGE_COLUMNS =
  'id, chat_id, seq, from_role, from_name, from_username, to_role, to_name, to_username, body, sent_at, client_msg_id';
export const messageValues = (m: MessageRecord) => [
  m.id, m.chatId, m.seq, m.fromRole, m.fromName, m.fromUsername, m.toRole, m.toName, m.toUsername, m.body, m.sentAt, m.clientMsgId,
];
