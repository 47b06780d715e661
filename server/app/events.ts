/** What a use case asks the realtime layer to do after it has saved its changes. */
export type Namespace = 'agent' | 'visitor' | 'queue';

export type OutEvent =
  | { ns: Namespace; room: string; event: string; payload: unknown; except?: string }
  | { ns: Namespace; room: string; disconnect: true };

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

export const toAgent = (username: string, event: string, payload: unknown): OutEvent => ({ ns: 'agent', room: rooms.agent(username), event, payload });
export const toVisitor = (chatId: string, event: string, payload: unknown): OutEvent => ({ ns: 'visitor', room: rooms.chat(chatId), event, payload });

export interface Outcome<T> {
  value: T;
  events: OutEvent[];
}

export const outcome = <T>(value: T, events: OutEvent[] = []): Outcome<T> => ({ value, events });
