import type { ChatChange, ChatRecord, MessageRecord, QueueEntryRecord } from './port.js';

/**
 * The chat store several nodes share (PostgreSQL). With it the database, not a node's memory,
 * decides: every routing decision runs in one transaction under one database lock, a chat's row is
 * locked while a message gets its number, and presence is rows with a heartbeat per node.
 * `liveAfter`: a node whose last heartbeat is older is dead, and its connections do not count.
 */
export interface SharedChatStore {
  /** A transaction for one chat's messages and ending (row locks only). */
  transaction<T>(fn: (tx: ChatTx) => Promise<T>): Promise<T>;
  /** A transaction holding the routing lock: one at a time across every node. */
  routing<T>(fn: (tx: RoutingTx) => Promise<T>): Promise<T>;

  /** Appends a fresh visitor to the back of the queue; resolves how many wait ahead. */
  join(entry: { id: string; name: string; joinedAt: number }): Promise<number>;
  /** How many wait ahead of the entry (undefined when it is gone); records a sign of life. */
  poll(entryId: string, now: number): Promise<number | undefined>;
  /** How many wait ahead of the entry, or undefined. */
  aheadOf(entryId: string): Promise<number | undefined>;
  /** Records a sign of life for entries held open by a /queue connection. */
  touchEntries(ids: string[], now: number): Promise<void>;
  /** Removes a fresh visitor's entry; false when it was not there. */
  removeFreshEntry(id: string): Promise<boolean>;
  /** Drops fresh entries without a sign of life since `before`; resolves how many. */
  dropAbandoned(before: number): Promise<number>;
  countWaiting(): Promise<number>;

  countRoutable(liveAfter: number): Promise<number>;
  isConnected(username: string, liveAfter: number): Promise<boolean>;
  openChatsOf(username: string): Promise<number>;
  /** Active chats held by the agent, oldest first. */
  chatsOf(username: string): Promise<ChatRecord[]>;

  /** The node's heartbeat (first call registers it). */
  heartbeat(nodeId: string, startedAt: number, now: number): Promise<void>;
  /** Whether the account has live /agent connections on this node. */
  setPresence(nodeId: string, username: string, connected: boolean, now: number): Promise<void>;
  /** A node stopping: its connections count as closed now, and it is forgotten. */
  leaveNode(nodeId: string, now: number): Promise<void>;
  /** Nodes whose heartbeat is newer than `liveAfter`. */
  countLiveNodes(liveAfter: number): Promise<number>;
  /** Forgets nodes (and their presence rows) silent since `before`. */
  forgetNodes(before: number): Promise<void>;
  /** Agents holding active chats and away from every live node since `goneBefore` (see awayClause). */
  agentsAway(liveAfter: number, goneBefore: number): Promise<string[]>;
}

/** An account that may be routed to: status online, connected to a live node. */
export interface RoutableAgent {
  username: string;
  name: string;
  maxChats: number | null;
  openChats: number;
  /** When it was last given a chat (epoch ms, 0 when never). */
  lastAssignedAt: number;
}

export interface ChatTx {
  /** The chat, locked until the transaction ends. */
  lockChat(id: string): Promise<ChatRecord | undefined>;
  messageByClientId(chatId: string, fromRole: MessageRecord['fromRole'], clientMsgId: string): Promise<MessageRecord | undefined>;
  /** Stores messages; their chat's last_seq moves up to the highest seq. */
  addMessages(messages: MessageRecord[]): Promise<void>;
  updateChat(patch: NonNullable<ChatChange['updateChat']>): Promise<void>;
  removeEntry(id: string): Promise<void>;
}

export interface RoutingTx extends ChatTx {
  /** The entry, locked, and how many wait ahead of it. */
  entry(id: string): Promise<{ entry: QueueEntryRecord; ahead: number } | undefined>;
  /** The first entry of the queue. */
  head(): Promise<QueueEntryRecord | undefined>;
  /** The agent's active chats, locked, oldest first. */
  lockChatsOf(username: string): Promise<ChatRecord[]>;
  routable(liveAfter: number): Promise<RoutableAgent[]>;
  /** True when the agent has been away from every live node since `goneBefore`. */
  isAway(username: string, liveAfter: number, goneBefore: number): Promise<boolean>;
  insertChat(chat: ChatRecord): Promise<void>;
  /** Puts a chat back at the end of the front segment of the queue (its id is the chat id). */
  addFrontEntry(chat: { id: string; name: string }, now: number): Promise<void>;
  markAssigned(username: string, now: number): Promise<void>;
}
