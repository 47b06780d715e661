import type { ChatPatch, ChatRecord, MessageRecord, QueueEntryRecord } from '../../domain/records.js';

/**
 * The chat side of the store: the queue, chats, transcripts and who is connected. The use cases
 * make every decision inside a transaction of this port, so that the same code is right on one node
 * (SQLite + memory: a process-local lock) and on several sharing PostgreSQL (database locks):
 *
 * - `routing(tx => …)`: starts, hand-overs, transfers, requeues and ends. One at a time across every
 *   node; the chats it touches are locked too.
 * - `chat(tx => …)`: one chat's messages. Locks only the chats it reads with `lockChat`.
 *
 * A transaction's writes are committed together when its function resolves, before the promise it
 * returns resolves (save before you say); when the function throws, none of them happen.
 * `liveAfter`: a node whose last heartbeat is older is dead and its connections do not count.
 */
export interface ChatStore {
  routing<T>(fn: (tx: RoutingTx) => Promise<T>): Promise<T>;
  chat<T>(fn: (tx: ChatTx) => Promise<T>): Promise<T>;

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

  getChat(id: string): Promise<ChatRecord | undefined>;
  findChatByQueueEntry(entryId: string): Promise<ChatRecord | undefined>;
  /** Messages of a chat in seq order, optionally only those after `afterSeq`. */
  getTranscript(chatId: string, afterSeq?: number): Promise<MessageRecord[]>;
  /** The message a sender already stored under this idempotency key, if any. */
  findMessageByClientId(
    chatId: string,
    fromRole: MessageRecord['fromRole'],
    clientMsgId: string,
  ): Promise<MessageRecord | undefined>;
  openChatsOf(username: string): Promise<number>;
  /** Active chats held by the agent, oldest first. */
  chatsOf(username: string): Promise<ChatRecord[]>;

  /** Records a sign of life of the visitors of these chats (a /visitor connection open, or closing now). */
  touchVisitors(chatIds: string[], now: number): Promise<void>;
  /** Open chats that look stale (see Staleness): candidates, to be checked again in a routing transaction. */
  staleChats(limits: Staleness): Promise<{ id: string; reason: StaleReason }[]>;
  /**
   * v2 (--reassign-after): active chats with a visitor message sent before `before` that no agent
   * message (internal notes aside) follows. Candidates, to be checked again in a routing transaction.
   */
  unansweredChats(before: number): Promise<string[]>;

  countRoutable(liveAfter: number): Promise<number>;
  /** The routable agents with their loads, read without the routing lock (a snapshot, for the wait estimate). */
  routableAgents(liveAfter: number): Promise<RoutableAgent[]>;
  isConnected(username: string, liveAfter: number): Promise<boolean>;
  /** The node's heartbeat (the first call registers it and when it started). */
  heartbeat(nodeId: string, startedAt: number, now: number): Promise<void>;
  /** Whether the account has live /agent connections on this node. */
  setPresence(nodeId: string, username: string, connected: boolean, now: number): Promise<void>;
  /** A node stopping: its connections count as closed now, and it is forgotten. */
  leaveNode(nodeId: string, now: number): Promise<void>;
  /** Nodes whose heartbeat is newer than `liveAfter`. */
  countLiveNodes(liveAfter: number): Promise<number>;
  /** Forgets nodes (and their presence) silent since `before`. */
  forgetNodes(before: number): Promise<void>;
  /**
   * Agents holding active chats and connected nowhere since `goneBefore`. Last seen: when its last
   * connection closed, or the last heartbeat of a dead node that counted it; never before the
   * cluster came back (its oldest live node started), so a full restart gives everyone the grace period.
   */
  agentsAway(liveAfter: number, goneBefore: number): Promise<string[]>;
}

/**
 * When an open chat ends on its own: its visitor was last seen (started, connected, a connection
 * closing) before `visitorGoneBefore`; or an active chat's last message (or its start) is older than
 * `idleBefore` (undefined: never).
 */
export interface Staleness {
  visitorGoneBefore: number;
  idleBefore: number | undefined;
}
export type StaleReason = 'visitor-gone' | 'idle';

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
  messageByClientId(
    chatId: string,
    fromRole: MessageRecord['fromRole'],
    clientMsgId: string,
  ): Promise<MessageRecord | undefined>;
  /** Stores messages of locked chats; each chat's lastSeq moves up to its highest seq. */
  addMessages(messages: MessageRecord[]): Promise<void>;
}

export interface RoutingTx extends ChatTx {
  /** The entry, locked, and how many wait ahead of it. */
  entry(id: string): Promise<{ entry: QueueEntryRecord; ahead: number } | undefined>;
  /** The first entry of the queue. */
  head(): Promise<QueueEntryRecord | undefined>;
  removeEntry(id: string): Promise<void>;
  /** Puts a chat back at the end of the front segment of the queue (its entry id is the chat id). */
  addFrontEntry(chat: { id: string; name: string }, now: number): Promise<void>;
  /** The agent's active chats, locked, oldest first. */
  lockChatsOf(username: string): Promise<ChatRecord[]>;
  /** The agent's active chats, oldest first, as no routing decision can change them now (not locked). */
  chatsOf(username: string): Promise<ChatRecord[]>;
  routable(liveAfter: number): Promise<RoutableAgent[]>;
  /** True when the agent has been away from every live node since `goneBefore` (see agentsAway). */
  isAway(username: string, liveAfter: number, goneBefore: number): Promise<boolean>;
  insertChat(chat: ChatRecord): Promise<void>;
  /** Changes a locked chat. */
  updateChat(patch: ChatPatch): Promise<void>;
  markAssigned(username: string, now: number): Promise<void>;
  /** Why the chat is stale now, if it is (see Staleness). */
  staleness(chatId: string, limits: Staleness): Promise<StaleReason | undefined>;
  /** v2: the agents who let this chat wait (it was reassigned away from them), for the chat's life. */
  passedOver(chatId: string): Promise<string[]>;
  /** v2: remembers that `username` let the (locked) chat wait. */
  addPassedOver(chatId: string, username: string, at: number): Promise<void>;
}
