import { messageView } from '../../domain/messages.js';
import type { ChatRecord, EndedBy, MessageRecord } from '../../domain/records.js';
import type { StaffVisitor } from '../../protocol/events.js';
import type { ChatMessage } from '../../protocol/models.js';
import { toAgent, toQueueEntry, toVisitor, type OutEvent } from '../events.js';

type Agent = { username: string; name: string };
type Chat = Pick<ChatRecord, 'id' | 'visitorName' | 'agentUsername'>;

/** What each chat change tells whom. */
export const chatEvents = {
  message: (chat: Chat, message: ChatMessage): OutEvent[] => [
    toVisitor(chat.id, 'chat:message', message),
    ...(chat.agentUsername ? [toAgent(chat.agentUsername, 'chat:message', message)] : []),
  ],
  /** `visitor` (v2): the whole record staff see (visitors.ts visitorOf). */
  started: (agent: Agent, chat: Chat, visitor: StaffVisitor = { name: chat.visitorName }): OutEvent =>
    toAgent(agent.username, 'chat:assigned', {
      chatId: chat.id,
      visitor,
      reason: 'new',
      transcript: [],
    }),
  ended: (chat: Chat, by: EndedBy): OutEvent[] => [
    toVisitor(chat.id, 'chat:ended', { chatId: chat.id, by }),
    ...(chat.agentUsername ? [toAgent(chat.agentUsername, 'chat:ended', { chatId: chat.id, by })] : []),
  ],
  requeued: (
    username: string,
    chatId: string,
    note: MessageRecord,
    ahead: number,
    agentsOnline: number,
    estimatedWaitSeconds: number | null,
  ): OutEvent[] => [
    toAgent(username, 'chat:removed', { chatId, reason: 'requeued' }),
    toVisitor(chatId, 'chat:message', messageView(note)),
    toVisitor(chatId, 'chat:queued', { ahead, agentsOnline, estimatedWaitSeconds }),
  ],
  /** A requeued chat handed to an agent. */
  handedOver: (
    agent: Agent,
    chat: Chat,
    note: MessageRecord,
    transcript: ChatMessage[],
    visitor: StaffVisitor = { name: chat.visitorName },
  ): OutEvent[] => [
    toAgent(agent.username, 'chat:assigned', {
      chatId: chat.id,
      visitor,
      reason: 'requeue',
      transcript,
    }),
    // The note first: a visitor reads "Bob joined the chat." before the header changes.
    toVisitor(chat.id, 'chat:message', messageView(note)),
    toVisitor(chat.id, 'chat:agent', { name: agent.name }),
  ],
  transferred: (
    from: string,
    to: Agent,
    chat: Chat,
    note: MessageRecord,
    transcript: ChatMessage[],
    visitor: StaffVisitor = { name: chat.visitorName },
  ): OutEvent[] => [
    toAgent(from, 'chat:removed', { chatId: chat.id, reason: 'transferred' }),
    toAgent(to.username, 'chat:assigned', {
      chatId: chat.id,
      visitor,
      reason: 'transfer',
      transcript,
    }),
    toVisitor(chat.id, 'chat:message', messageView(note)),
    toVisitor(chat.id, 'chat:agent', { name: to.name }),
  ],
  /** The visitor at the front may start now. */
  turn: (entryId: string): OutEvent => toQueueEntry(entryId, 'queue:turn', { ahead: 0 }),
};
