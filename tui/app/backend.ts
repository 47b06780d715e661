import type { AgentEvents } from '../../server/protocol/events.js';
import type {
  AgentMessage,
  AgentView,
  ChatMessage,
  Me,
  PendingInvite,
  Role,
  Status,
} from '../../server/protocol/models.js';
import type { AgentPatchBody, InviteBody } from '../../server/protocol/schemas.js';
import type { Canned, CannedBody, CannedPatchBody } from '../../server/protocol/canned.js';
import type { OfflineMessage } from '../../server/protocol/offline-messages.js';
import { AgentSocket, type ConnectionChange } from '../client/agent-socket.js';
import { cannedClient } from '../client/canned-client.js';
import { ApiError } from '../client/errors.js';
import { inboxClient } from '../client/inbox-client.js';
import { HttpClient, type AgentMessagesRead, type InviteResult, type LoginResult } from '../client/http-client.js';
import type { Colleague } from '../state/agent-messages.js';
import type { InboxFilter } from '../state/inbox.js';

/** What the TUI asks of the HTTP API (HttpClient is one; tests pass fakes). */
export interface StaffApi {
  me(): Promise<Me>;
  setStatus(status: Status): Promise<{ status: Status }>;
  logout(): Promise<void>;
  /** Open chats back to the front of the queue, the account offline; the session stays. */
  handBack(): Promise<{ status: Status; handedBack: number }>;
  listAgents(): Promise<AgentView[]>;
  invite(body: InviteBody): Promise<InviteResult>;
  /** The invites not used yet and not expired, oldest first. */
  listInvites(): Promise<PendingInvite[]>;
  /** Withdraws a pending invite: its link stops working, the username is free again. */
  revokeInvite(username: string): Promise<void>;
  /** A new link, expiry and e-mail for a pending invite; the old link stops working. */
  resendInvite(username: string): Promise<InviteResult>;
  updateAgent(username: string, patch: AgentPatchBody): Promise<AgentView>;
  deleteAgent(username: string): Promise<void>;
  sendAgentMessage(to: string, body: string): Promise<AgentMessage>;
  listAgentMessages(after?: string): Promise<AgentMessage[]>;
  /** The account's read marker, kept by the server (the same in every session). */
  agentMessagesReadState(): Promise<AgentMessagesRead>;
  /** Moves the read marker up to this message (never back). */
  markAgentMessagesRead(upTo: string): Promise<AgentMessagesRead>;
  /** Other agents with status and load, for any staff token; null when the server offers no such list. */
  listColleagues(role: Role): Promise<Colleague[] | null>;
  /** The team's canned replies and the caller's own. */
  listCanned(): Promise<Canned[]>;
  addCanned(body: CannedBody): Promise<Canned>;
  editCanned(id: string, patch: CannedPatchBody): Promise<Canned>;
  removeCanned(id: string): Promise<void>;
  /** The messages visitors left, newest first (at most `limit`, else the server's default of 100). */
  listInbox(filter: InboxFilter, limit?: number): Promise<OfflineMessage[]>;
  /** E-mails the reply, then stores it; the message as it is now. */
  replyInbox(id: string, body: string): Promise<OfflineMessage>;
  closeInbox(id: string): Promise<void>;
}

/** The live /agent connection (AgentSocket is one). */
export interface LiveChannel {
  on<E extends keyof AgentEvents>(event: E, handler: (payload: AgentEvents[E]) => void): () => void;
  onConnection(handler: (state: ConnectionChange) => void): () => void;
  /** Connects again after the server closed the connection (`reason` "io server disconnect"). */
  reconnect(): void;
  /** `clientMsgId`: the same for every retry of one message, so it is stored once. */
  send(chatId: string, body: string, clientMsgId?: string): Promise<ChatMessage>;
  /** An internal note in the chat (agents only); stored once per `clientMsgId`. */
  note(chatId: string, body: string, clientMsgId?: string): Promise<ChatMessage>;
  end(chatId: string): Promise<void>;
  transfer(chatId: string, to: string): Promise<void>;
  /** The agent types in this chat (or stopped); fire and forget. */
  typing(chatId: string, typing: boolean): void;
  close(): void;
}

export interface Backend {
  login(server: string, username: string, password: string): Promise<LoginResult>;
  api(server: string, token: string): StaffApi;
  live(server: string, token: string): LiveChannel;
}

const colleagueOf = (a: Omit<AgentView, 'email' | 'role'> & { role?: Role }): Colleague => ({
  username: a.username,
  name: a.name,
  status: a.status,
  connected: a.connected,
  openChats: a.openChats,
  maxChats: a.maxChats,
});

/**
 * The agents for the transfer picker and the messages screen: `GET /api/agents` (any staff token),
 * else — on a server without it — the admin list for admins, else null (the picker then takes a
 * typed username).
 */
export async function fetchColleagues(client: HttpClient, role: Role): Promise<Colleague[] | null> {
  try {
    const { agents } = await client.request<{ agents: Omit<AgentView, 'email' | 'role'>[] }>('GET', '/api/agents');
    return agents.map(colleagueOf);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  if (role !== 'admin') return null;
  return (await client.listAgents()).map(colleagueOf);
}

/** The real backend: HTTP client and socket.io connection to a Switchboard server. */
export const realBackend: Backend = {
  login: (server, username, password) => new HttpClient({ server }).login(username, password),
  api(server, token) {
    const client = new HttpClient({ server, token, timeoutMs: 15_000 });
    const canned = cannedClient(client);
    const inbox = inboxClient(client);
    return Object.assign(client, {
      listColleagues: (role: Role) => fetchColleagues(client, role),
      listCanned: () => canned.list(),
      addCanned: (body: CannedBody) => canned.add(body),
      editCanned: (id: string, patch: CannedPatchBody) => canned.edit(id, patch),
      removeCanned: (id: string) => canned.remove(id),
      listInbox: (filter: InboxFilter, limit?: number) => inbox.list(filter, limit),
      replyInbox: (id: string, body: string) => inbox.reply(id, body),
      closeInbox: (id: string) => inbox.close(id),
    });
  },
  live: (server, token) => new AgentSocket({ server, token }),
};
