import type { OutEvent } from './events.js';

/** What the staff use cases ask of the chat engine when who can take chats changes. */
export interface Routing {
  /** Hands out waiting chats to agents with room. */
  dispatch(): Promise<OutEvent[]>;
  /** Sends an agent's open chats back to the front of the queue. */
  requeueChatsOf(username: string): Promise<OutEvent[]>;
}
