import type {
  AccountRecord,
  AgentMessageRecord,
  ChatRecord,
  InviteRecord,
  MessageRecord,
  SessionRecord,
} from '../domain/records.js';

/** Row ↔ record mapping shared by the SQLite and PostgreSQL adapters (same tables, same columns). */

/**
 * v2 (--reassign-after), both stores: active chats with a visitor message sent before $1 and no agent
 * message after it (internal notes do not count as an answer). Uses the (chat_id, seq) index.
 */
export const UNANSWERED_SQL = `SELECT c.id FROM chats c
  WHERE c.status = 'active' AND EXISTS (
    SELECT 1 FROM messages v
    WHERE v.chat_id = c.id AND v.from_role = 'visitor' AND v.sent_at < $1
      AND v.seq > COALESCE((SELECT MAX(a.seq) FROM messages a
                            WHERE a.chat_id = c.id AND a.from_role = 'agent' AND NOT a.internal), 0))`;

export interface AccountRow {
  username: string;
  name: string;
  email: string | null;
  role: string;
  password_hash: string;
  status: string;
  max_chats: number | null;
  created_at: number;
}
export const toAccount = (r: AccountRow): AccountRecord => ({
  username: r.username,
  name: r.name,
  email: r.email,
  role: r.role as AccountRecord['role'],
  passwordHash: r.password_hash,
  status: r.status as AccountRecord['status'],
  maxChats: r.max_chats,
  createdAt: r.created_at,
});

export interface InviteRow {
  token_hash: string;
  username: string;
  name: string;
  email: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}
export const toInvite = (r: InviteRow): InviteRecord => ({
  tokenHash: r.token_hash,
  username: r.username,
  name: r.name,
  email: r.email,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export interface SessionRow {
  jti: string;
  username: string;
  created_at: number;
  expires_at: number;
}
export const toSession = (r: SessionRow): SessionRecord => ({
  jti: r.jti,
  username: r.username,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export interface AgentMessageRow {
  id: string;
  sender: string;
  recipient: string;
  body: string;
  sent_at: number;
}
export const toAgentMessage = (r: AgentMessageRow): AgentMessageRecord => ({
  id: r.id,
  from: r.sender,
  to: r.recipient,
  body: r.body,
  sentAt: r.sent_at,
});

export interface ChatRow {
  id: string;
  visitor_name: string;
  agent_username: string | null;
  agent_name: string | null;
  status: string;
  started_at: number;
  ended_at: number | null;
  ended_by: string | null;
  last_seq: number;
  queue_entry_id: string;
}
export const toChat = (r: ChatRow): ChatRecord => ({
  id: r.id,
  visitorName: r.visitor_name,
  agentUsername: r.agent_username,
  agentName: r.agent_name,
  status: r.status as ChatRecord['status'],
  startedAt: r.started_at,
  endedAt: r.ended_at,
  endedBy: r.ended_by as ChatRecord['endedBy'],
  lastSeq: r.last_seq,
  queueEntryId: r.queue_entry_id,
});
/** Record field → column; the order of `Object.keys` is the column order used by the adapters. */
export const CHAT_COLUMNS: Record<keyof ChatRecord, keyof ChatRow> = {
  id: 'id',
  visitorName: 'visitor_name',
  agentUsername: 'agent_username',
  agentName: 'agent_name',
  status: 'status',
  startedAt: 'started_at',
  endedAt: 'ended_at',
  endedBy: 'ended_by',
  lastSeq: 'last_seq',
  queueEntryId: 'queue_entry_id',
};

export interface MessageRow {
  id: string;
  chat_id: string;
  seq: number;
  from_role: string;
  from_name: string;
  from_username: string | null;
  to_role: string | null;
  to_name: string | null;
  to_username: string | null;
  body: string;
  sent_at: number;
  client_msg_id: string | null;
  /** v2: 1/true for an internal note (SQLite: integer; PostgreSQL: boolean). */
  internal?: number | boolean;
}
export const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id,
  chatId: r.chat_id,
  seq: r.seq,
  fromRole: r.from_role as MessageRecord['fromRole'],
  fromName: r.from_name,
  fromUsername: r.from_username,
  toRole: r.to_role as MessageRecord['toRole'],
  toName: r.to_name,
  toUsername: r.to_username,
  body: r.body,
  sentAt: r.sent_at,
  clientMsgId: r.client_msg_id,
  ...(r.internal ? { internal: true } : {}),
});
export const fromMessage = (m: MessageRecord): MessageRow => ({
  id: m.id,
  chat_id: m.chatId,
  seq: m.seq,
  from_role: m.fromRole,
  from_name: m.fromName,
  from_username: m.fromUsername,
  to_role: m.toRole,
  to_name: m.toName,
  to_username: m.toUsername,
  body: m.body,
  sent_at: m.sentAt,
  client_msg_id: m.clientMsgId,
  internal: m.internal ? 1 : 0,
});
