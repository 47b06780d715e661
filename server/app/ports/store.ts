import type {
  AccountPatch,
  AccountRecord,
  AgentMessageRecord,
  InviteRecord,
  SessionRecord,
} from '../../domain/records.js';
import type { CannedStore } from './canned.js';
import type { ChatStore } from './chat-store.js';
import type { HistoryStore } from './history.js';
import type { ChatStatsStore, OfflineMessageStore } from './offline-messages.js';
import type { VisitorStore } from './visitor-store.js';

/**
 * Accounts, invites, sessions and agent messages: what the staff use cases need stored. Every
 * method is async (a networked store sits beside SQLite) and atomic on its own.
 */
export interface Store {
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
  /** Invites not used yet and not expired at `now`, oldest first. */
  listPendingInvites(now: number): Promise<InviteRecord[]>;
  /**
   * Gives the pending invite of `username` a new token and expiry (the old link stops working);
   * resolves the invite as it is now, or undefined when none is pending.
   */
  renewInvite(username: string, tokenHash: string, now: number, expiresAt: number): Promise<InviteRecord | undefined>;
  /** Withdraws every unused invite of `username`; resolves whether one of them was pending. */
  revokeInvites(username: string, now: number): Promise<boolean>;
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
  /**
   * Messages sent or received by `username`, oldest first, after the message `afterId`.
   * Undefined when afterId is unknown.
   */
  listAgentMessages(
    username: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<AgentMessageRecord[] | undefined>;
  /**
   * Moves the account's read marker up to the message `upToId` (never back). False when the id is
   * unknown.
   */
  markAgentMessagesRead(username: string, upToId: string): Promise<boolean>;
  /** The account's read marker (the last message read, or null) and how many received messages follow it. */
  agentMessagesReadState(username: string): Promise<AgentMessagesReadState>;
}

export interface AgentMessagesReadState {
  readUpTo: string | null;
  unread: number;
}

/** What `openStore` gives the application, whatever the backend. */
export interface Stores {
  store: Store;
  chats: ChatStore;
  /** Visitor context and ratings (contract v2). */
  visitors: VisitorStore;
  /** Leave-a-message (offline messages), and the recent chat durations of the wait estimate. */
  offline: OfflineMessageStore & ChatStatsStore;
  /** Canned responses, team and personal (contract v2). */
  canned: CannedStore;
  /** Ended chats, searched (contract v2). */
  history: HistoryStore;
  /** Commits what is pending and closes the database. */
  close(): Promise<void>;
}
