import type { z } from 'zod';
import type { Ack } from './ack.js';
import type { AgentMessage, AgentView, ChatMessage, Status } from './models.js';
import type { OfflineMessage } from './offline-messages.js';
import type { agentEvents, visitorEvents } from './socket-schemas.js';
import type { VisitorView } from './visitor-context.js';

/**
 * The socket contract, per namespace: what the server sends (payload by event) and what clients
 * send (payload and ack answer by event). The server types its namespaces with the Socket.IO event
 * maps below, and so do the TUI and CLI clients: renaming a field fails to compile on both sides.
 */

/**
 * A chat's visitor as staff receive it. The server always sends the whole VisitorView (contract v2);
 * clients may rely on `name` only, as before v2.
 */
export type StaffVisitor = Pick<VisitorView, 'name'> & Partial<VisitorView>;

export interface OpenChat {
  chatId: string;
  /** v2: the visitor's whole record (context, visitorId, previousChats), not only its name. */
  visitor: StaffVisitor;
  startedAt: string;
  transcript: ChatMessage[];
  /** Added: the transcript holds only messages after this number (the client's `since`). */
  since?: number;
}

export type EndedBy = 'visitor' | 'agent' | 'system';
type Empty = Record<string, never>;

/** Sent to every namespace. */
interface LifecycleEvents {
  /** The server is stopping: reconnect (to the restarted server) with the same token. */
  'server:shutdown': Empty;
  /** The token this socket connected with has expired; the socket closes next. */
  'auth:expired': Empty;
}

/** Server → /agent. */
export interface AgentEvents extends LifecycleEvents {
  'chats:open': { chats: OpenChat[] };
  'chat:assigned': {
    chatId: string;
    visitor: StaffVisitor;
    /** v2: `reassigned` (--reassign-after): the chat's visitor waited too long for its previous agent. */
    reason: 'new' | 'transfer' | 'requeue' | 'reassigned';
    transcript: ChatMessage[];
  };
  'chat:message': ChatMessage;
  'chat:ended': { chatId: string; by: EndedBy };
  /** v2: `reassigned` (--reassign-after): the visitor waited too long for this agent's reply. */
  'chat:removed': { chatId: string; reason: 'transferred' | 'requeued' | 'reassigned' };
  'agent-message': AgentMessage;
  /** Added: this account's status changed (login, PUT /api/me/status). */
  'agent:status': { status: Status };
  /** Added: an admin changed this account (name, maxChats). */
  'agent:updated': AgentView;
  /**
   * Added: the session this socket belongs to was ended by the server (a logout with its token, the
   * account deleted); the socket closes next. Not sent on expiry (that is `auth:expired`).
   */
  'auth:revoked': { reason: 'logout' | 'account_deleted' };
  /** v2: a visitor left a message (leave-a-message form); sent to every staff account. */
  'offline-message': { message: OfflineMessage };
  /** The visitor's last connection went (`away`, a few seconds later) or its first came back (`here`). */
  'chat:presence': { chatId: string; visitor: 'here' | 'away' };
  /** v2: the chat's visitor types (`draft`, its last 200 characters, only with --typing-preview). */
  'chat:typing': { chatId: string; typing: boolean; draft?: string };
  /** v2: the visitor rated a chat this agent ended or held last. */
  'chat:rated': { chatId: string; score: number; comment?: string };
}

/** The /agent events about work (chats and messages), not about the connection itself. */
export const AGENT_WORK_EVENTS = [
  'chats:open',
  'chat:assigned',
  'chat:message',
  'chat:ended',
  'chat:removed',
  'agent-message',
  'agent:status',
  'agent:updated',
] as const satisfies readonly (keyof AgentEvents)[];

export interface ChatHistory {
  chatId: string;
  transcript: ChatMessage[];
  agent: { name: string } | null;
  status: 'active' | 'queued' | 'ended';
  /** Added: the place in the queue of a chat sent back to it, and how many agents can take chats now. */
  ahead?: number;
  agentsOnline?: number;
  /** v2: while `queued`, as `GET /api/queue/status` estimates it (null: no agent can take chats). */
  estimatedWaitSeconds?: number | null;
  /** Added: whether the chat's agent has a live connection now (absent while no agent holds it). */
  agentConnected?: boolean;
  since?: number;
}

/** Server → /visitor. */
export interface VisitorEvents extends LifecycleEvents {
  'chat:history': ChatHistory;
  'chat:message': ChatMessage;
  'chat:agent': { name: string };
  /** `agentsOnline` (added): agents who can take chats now, as `GET /api/queue/status` counts them. */
  'chat:queued': {
    ahead: number;
    agentsOnline: number;
    /** Contract v2: as `GET /api/queue/status` estimates it (null: no agent can take chats). */
    estimatedWaitSeconds: number | null;
  };
  'chat:ended': { chatId: string; by: EndedBy };
  /**
   * Added: the chat's agent lost its last connection (`false`: it may come back within the grace
   * period, or the chat goes back to the queue) or is connected again (`true`).
   */
  'chat:agent-connection': { connected: boolean };
  /** v2: the chat's agent types (`name`: its display name). */
  'chat:typing': { typing: boolean; name: string };
}

/** Server → /queue (added to the contract). */
export interface QueueEvents extends LifecycleEvents {
  'queue:turn': { ahead: 0 };
}

export interface SendReply {
  message: ChatMessage;
  /** Added: this `clientMsgId` was stored before; nothing was delivered twice. */
  duplicate?: true;
}

/** Client → server on /agent: the payload and the ack's answer of each event. */
export interface AgentCommands {
  'chat:send': { payload: z.input<(typeof agentEvents)['chat:send']>; reply: SendReply };
  'chat:end': { payload: z.input<(typeof agentEvents)['chat:end']>; reply: Empty };
  'chat:transfer': { payload: z.input<(typeof agentEvents)['chat:transfer']>; reply: Empty };
  /** v2: an internal note (staff only); answered like chat:send. */
  'chat:note': { payload: z.input<(typeof agentEvents)['chat:note']>; reply: SendReply };
  /** v2: the ack is optional (volatile). */
  'chat:typing': { payload: z.input<(typeof agentEvents)['chat:typing']>; reply: Empty };
}

/** Client → server on /visitor. */
export interface VisitorCommands {
  'chat:send': { payload: z.input<(typeof visitorEvents)['chat:send']>; reply: SendReply };
  'chat:end': { payload: z.input<(typeof visitorEvents)['chat:end']>; reply: Empty };
  /** v2: the ack is optional (volatile). */
  'chat:typing': { payload: z.input<(typeof visitorEvents)['chat:typing']>; reply: Empty };
}

type Command = { payload: object; reply: object };

/** Socket.IO's shape of a map of events a side listens to. */
export type Listeners<E> = { [K in keyof E]: (payload: E[K]) => void };
/** Socket.IO's shape of a map of acknowledged commands. */
export type CommandHandlers<C extends { [K in keyof C]: Command }> = {
  [K in keyof C]: (payload: C[K]['payload'], ack: (answer: Ack<C[K]['reply']>) => void) => void;
};

/** The Socket.IO event maps of each namespace, as `Socket<ServerToClient, ClientToServer>` on clients. */
export type AgentServerToClient = Listeners<AgentEvents>;
export type AgentClientToServer = CommandHandlers<AgentCommands>;
export type VisitorServerToClient = Listeners<VisitorEvents>;
export type VisitorClientToServer = CommandHandlers<VisitorCommands>;
export type QueueServerToClient = Listeners<QueueEvents>;
export type QueueClientToServer = Record<string, never>;

/** The events the server sends in each namespace. */
export interface ServerEvents {
  agent: AgentEvents;
  visitor: VisitorEvents;
  queue: QueueEvents;
}
export type NamespaceName = keyof ServerEvents;
