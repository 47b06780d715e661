/** What a use case asks the realtime layer to do after it has saved its changes. */
export type Namespace = 'agent' | 'visitor';

export type OutEvent =
  | { ns: Namespace; room: string; event: string; payload: unknown }
  | { ns: Namespace; room: string; disconnect: true };

export const rooms = {
  /** Every /agent socket of one account. */
  agent: (username: string) => `agent:${username}`,
  /** Every /agent socket opened with one staff token. */
  session: (jti: string) => `session:${jti}`,
  /** Every /visitor socket of one chat. */
  chat: (chatId: string) => `chat:${chatId}`,
};

export interface Outcome<T> {
  value: T;
  events: OutEvent[];
}

export const outcome = <T>(value: T, events: OutEvent[] = []): Outcome<T> => ({ value, events });
