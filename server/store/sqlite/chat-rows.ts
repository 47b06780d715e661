import type { ChatRecord, MessageRecord, QueueEntryRecord } from '../port.js';

/** Row ↔ record mapping for queue entries, chats and messages. */

export interface QueueEntryRow { id: string; name: string; joined_at: number; front: number; position: number; chat_id: string | null }
export const toQueueEntry = (r: QueueEntryRow): QueueEntryRecord => ({
  id: r.id, name: r.name, joinedAt: r.joined_at, front: r.front === 1, position: r.position, chatId: r.chat_id,
});
export const fromQueueEntry = (e: QueueEntryRecord): QueueEntryRow => ({
  id: e.id, name: e.name, joined_at: e.joinedAt, front: e.front ? 1 : 0, position: e.position, chat_id: e.chatId,
});

export interface ChatRow {
  id: string; visitor_name: string; agent_username: string | null; agent_name: string | null; status: string;
  started_at: number; ended_at: number | null; ended_by: string | null; last_seq: number; queue_entry_id: string;
}
export const toChat = (r: ChatRow): ChatRecord => ({
  id: r.id, visitorName: r.visitor_name, agentUsername: r.agent_username, agentName: r.agent_name,
  status: r.status as ChatRecord['status'], startedAt: r.started_at, endedAt: r.ended_at,
  endedBy: r.ended_by as ChatRecord['endedBy'], lastSeq: r.last_seq, queueEntryId: r.queue_entry_id,
});
export const CHAT_COLUMNS: Record<keyof ChatRecord, keyof ChatRow> = {
  id: 'id', visitorName: 'visitor_name', agentUsername: 'agent_username', agentName: 'agent_name', status: 'status',
  startedAt: 'started_at', endedAt: 'ended_at', endedBy: 'ended_by', lastSeq: 'last_seq', queueEntryId: 'queue_entry_id',
};
export const fromChat = (c: ChatRecord): ChatRow =>
  Object.fromEntries(Object.entries(CHAT_COLUMNS).map(([k, col]) => [col, c[k as keyof ChatRecord]])) as unknown as ChatRow;

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
export const fromMessage = (m: MessageRecord): MessageRow => ({
  id: m.id, chat_id: m.chatId, seq: m.seq, from_role: m.fromRole, from_name: m.fromName, from_username: m.fromUsername,
  to_role: m.toRole, to_name: m.toName, to_username: m.toUsername, body: m.body, sent_at: m.sentAt,
  client_msg_id: m.clientMsgId,
});
