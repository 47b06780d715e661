import type { Role, Status } from '../protocol/models.js';

/** What the application stores, as it sees it (the store adapters map rows to these). Times are epoch ms. */

export interface AccountRecord {
  username: string;
  name: string;
  email: string | null;
  role: Role;
  passwordHash: string;
  status: Status;
  /** null: the server's default (--max-chats). */
  maxChats: number | null;
  createdAt: number;
}

export type AccountPatch = Partial<Pick<AccountRecord, 'name' | 'maxChats' | 'status' | 'passwordHash'>>;

export interface InviteRecord {
  tokenHash: string;
  username: string;
  name: string;
  email: string;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface SessionRecord {
  jti: string;
  username: string;
  createdAt: number;
  expiresAt: number;
}

export interface AgentMessageRecord {
  id: string;
  from: string;
  to: string;
  body: string;
  sentAt: number;
}

/** One place in the waiting queue: a fresh visitor, or (chatId set) a chat sent back to the queue. */
export interface QueueEntryRecord {
  /** Also the `jti` of the visitor's queue token; a requeued chat's entry has the chat's id. */
  id: string;
  name: string;
  joinedAt: number;
  /** Requeued chats wait in the front segment, ahead of every fresh visitor. */
  front: boolean;
  /** Order within its segment. */
  position: number;
  /** The chat that went back to the queue (front entries only). */
  chatId: string | null;
}

export type ChatStatus = 'active' | 'queued' | 'ended';
export type EndedBy = 'visitor' | 'agent' | 'system';

export interface ChatRecord {
  id: string;
  visitorName: string;
  agentUsername: string | null;
  agentName: string | null;
  status: ChatStatus;
  startedAt: number;
  endedAt: number | null;
  endedBy: EndedBy | null;
  /** The number of the chat's last message. */
  lastSeq: number;
  queueEntryId: string;
}

/** A chat that has not ended. */
export type OpenChatRecord = ChatRecord & { status: 'active' | 'queued' };

/** A change to a chat's row (the fields given). */
export type ChatPatch = { id: string } & Partial<Omit<ChatRecord, 'id' | 'queueEntryId' | 'startedAt' | 'lastSeq'>>;

export interface MessageRecord {
  id: string;
  chatId: string;
  seq: number;
  fromRole: 'visitor' | 'agent' | 'system';
  fromName: string;
  fromUsername: string | null;
  toRole: 'visitor' | 'agent' | null;
  toName: string | null;
  toUsername: string | null;
  body: string;
  sentAt: number;
  /** The sender's idempotency key, when it gave one. */
  clientMsgId: string | null;
  /** v2: an internal note (staff only, never shown to the visitor); absent or false: a message. */
  internal?: boolean;
}
