import type { AgentEvents, NamespaceName, QueueEvents, ServerEvents, VisitorEvents } from '../protocol/events.js';

/** What a use case asks the realtime layer to do after it has saved its changes. */

/** The rooms of each namespace, named here only. */
export const rooms = {
  /** Every /agent socket of one account. */
  agent: (username: string) => `agent:${username}`,
  /** Every /agent socket opened with one staff token. */
  session: (jti: string) => `session:${jti}`,
  /** Every /visitor socket of one chat. */
  chat: (chatId: string) => `chat:${chatId}`,
  /** The /queue socket of one waiting visitor. */
  queueEntry: (entryId: string) => `queue:${entryId}`,
};

type EmitOf<NS extends NamespaceName> = {
  [E in keyof ServerEvents[NS]]: { ns: NS; room: string; event: E; payload: ServerEvents[NS][E]; except?: string };
}[keyof ServerEvents[NS]];

/** An event to emit to a room (`except` one socket), or a room whose sockets are to be closed. */
export type Emit = EmitOf<'agent'> | EmitOf<'visitor'> | EmitOf<'queue'>;
export type OutEvent = Emit | { ns: NamespaceName; room: string; disconnect: true };

export const toAgent = <E extends keyof AgentEvents>(username: string, event: E, payload: AgentEvents[E]): OutEvent =>
  ({ ns: 'agent', room: rooms.agent(username), event, payload }) as OutEvent;
export const toSession = <E extends keyof AgentEvents>(jti: string, event: E, payload: AgentEvents[E]): OutEvent =>
  ({ ns: 'agent', room: rooms.session(jti), event, payload }) as OutEvent;
export const toVisitor = <E extends keyof VisitorEvents>(
  chatId: string,
  event: E,
  payload: VisitorEvents[E],
): OutEvent => ({ ns: 'visitor', room: rooms.chat(chatId), event, payload }) as OutEvent;
export const toQueueEntry = <E extends keyof QueueEvents>(
  entryId: string,
  event: E,
  payload: QueueEvents[E],
): OutEvent => ({ ns: 'queue', room: rooms.queueEntry(entryId), event, payload }) as OutEvent;

/** Closes every /agent socket of an account, or of one session. */
export const disconnectAgent = (username: string): OutEvent => ({
  ns: 'agent',
  room: rooms.agent(username),
  disconnect: true,
});
export const disconnectSession = (jti: string): OutEvent => ({
  ns: 'agent',
  room: rooms.session(jti),
  disconnect: true,
});

export interface Outcome<T> {
  value: T;
  events: OutEvent[];
}

export const outcome = <T>(value: T, events: OutEvent[] = []): Outcome<T> => ({ value, events });
