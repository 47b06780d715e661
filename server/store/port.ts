import type { Role, Status } from '../protocol/models.js';
import type { SharedChatStore } from './shared-port.js';

/** Rows as the application sees them. Times are epoch milliseconds. */
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

export type AccountPatch = Partial<Pick<AccountRecord, 'name' | 'maxChats' | 'status' | 'passwordHash'>>;

/**
 * The persistence port. Every method is async so that a networked store (PostgreSQL) can sit
 * beside the SQLite adapter; methods are coarse so that each one is atomic on its own.
 */
export interface Store extends ChatStore {
  getAccount(username: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  /** Resolves false when the username is taken. */
  createAccount(account: AccountRecord): Promise<boolean>;
  updateAccount(username: string, patch: AccountPatch): Promise<AccountRecord | undefined>;
  /** Deletes the account with its sessions and its agent messages (sent and received). */
  deleteAccount(username: string): Promise<boolean>;

  /** Resolves false when an account or a pending, unexpired invite holds the username. */
  createInvite(invite: InviteRecord, now: number): Promise<boolean>;
  findInvite(tokenHash: string): Promise<InviteRecord | undefined>;
  deleteInvite(tokenHash: string): Promise<void>;
  /** Marks the invite used and creates the account, atomically; false if the invite was not usable. */
  redeemInvite(tokenHash: string, account: AccountRecord, now: number): Promise<boolean>;

  /** Staff sessions: a staff token is honoured only while its session row exists (allow-list). */
  createSession(session: SessionRecord): Promise<void>;
  getSession(jti: string): Promise<SessionRecord | undefined>;
  /** Resolves true when the session existed. */
  deleteSession(jti: string): Promise<boolean>;
  /** Deletes every session of the account; resolves their ids. */
  deleteSessionsOf(username: string): Promise<string[]>;
  /** Drops sessions whose token has expired. */
  purgeSessions(now: number): Promise<void>;

  addAgentMessage(message: AgentMessageRecord): Promise<void>;
  /** Messages sent or received by `username`, oldest first, after the message `afterId`. Undefined when afterId is unknown. */
  listAgentMessages(username: string, afterId: string | undefined, limit: number): Promise<AgentMessageRecord[] | undefined>;

  /** Present when several nodes may share this store (PostgreSQL): the database then decides routing. */
  shared?: SharedChatStore;

  close(): Promise<void>;
}

export interface QueueEntryRecord {
  /** Also the `jti` of the visitor's queue token. */
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
  lastSeq: number;
  queueEntryId: string;
}

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
}

/** One atomic change to chats, messages and the queue (a single transaction). */
export interface ChatChange {
  insertChat?: ChatRecord;
  updateChat?: { id: string } & Partial<Omit<ChatRecord, 'id' | 'queueEntryId' | 'startedAt'>>;
  messages?: MessageRecord[];
  addQueueEntry?: QueueEntryRecord;
  removeQueueEntry?: string;
}

export interface ChatStore {
  /** Waiting queue entries (front segment first, each in order) and every chat not ended. */
  loadLiveState(): Promise<{ queue: QueueEntryRecord[]; chats: ChatRecord[] }>;
  removeQueueEntry(id: string): Promise<void>;
  applyChatChange(change: ChatChange): Promise<void>;
  getChat(id: string): Promise<ChatRecord | undefined>;
  findChatByQueueEntry(entryId: string): Promise<ChatRecord | undefined>;
  /** Messages of a chat in seq order, optionally only those after `afterSeq`. */
  getTranscript(chatId: string, afterSeq?: number): Promise<MessageRecord[]>;
  /** The message a sender already stored under this idempotency key, if any. */
  findMessageByClientId(chatId: string, fromRole: MessageRecord['fromRole'], clientMsgId: string): Promise<MessageRecord | undefined>;
}
