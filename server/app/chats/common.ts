import type { LiveChat } from '../../domain/chat-book.js';
import { messageView, type Actor } from '../../domain/chat-rules.js';
import { AppError } from '../../protocol/errors.js';
import type { ChatMessage } from '../../protocol/models.js';
import type { ChatRecord, MessageRecord } from '../../store/port.js';
import type { AppDeps } from '../deps.js';
import { rooms, toAgent, toVisitor, type OutEvent } from '../events.js';

/** What both chat engines (one node in memory, several nodes on a shared store) say and send alike. */

const ABANDONED = 'Your place in the queue has expired or is unknown; join the queue again.';
export const queueGone = () => new AppError('unauthorized', ABANDONED);
export const notYourTurn = (ahead: number) =>
  new AppError('not_your_turn', `There ${ahead === 1 ? 'is 1 person' : `are ${ahead} people`} ahead of you.`);
export const noAgentFree = () => new AppError('no_agent_available', 'No agent is free right now; please keep waiting.');

/** Asking to start again with the same queue token answers the chat it started (safe to retry). */
export async function resumeStarted(deps: AppDeps, entryId: string) {
  const existing = await deps.store.findChatByQueueEntry(entryId);
  if (!existing || existing.status === 'ended') throw queueGone();
  const { token } = await deps.tokens.sign('user', { name: existing.visitorName, chatId: existing.id });
  return { userToken: token, chatId: existing.id, agent: existing.agentName ? { name: existing.agentName } : null };
}

const ONLINE_COUNT_TTL_MS = 250;

/**
 * How many agents can be routed to, remembered for a quarter of a second in `holder.onlineCount`
 * (cleared by dispatch): every queue status poll asks, and thousands of polls a second must not
 * each count the agents again.
 */
export async function rememberedOnlineCount(
  holder: { onlineCount?: { value: number; until: number } },
  now: number,
  count: () => Promise<number>,
): Promise<number> {
  if (holder.onlineCount && holder.onlineCount.until > now) return holder.onlineCount.value;
  const value = await count();
  holder.onlineCount = { value, until: now + ONLINE_COUNT_TTL_MS };
  return value;
}

/** The system notes written into transcripts. */
export const notes = {
  requeued: (agentName: string) => `${agentName} is no longer available. You are back at the front of the queue.`,
  joined: (agentName: string) => `${agentName} joined the chat.`,
  transferred: (from: string, to: string) => `${from} transferred the chat to ${to}.`,
};

/** Why a transfer to `target` is refused, if it is. */
export function transferRefusal(
  actor: { username: string },
  target: string,
  account: { name: string } | undefined,
  ready: boolean,
  openChats: number,
  maxChats: number,
): AppError | undefined {
  if (!account) return new AppError('not_found', `No agent "${target}".`);
  if (target === actor.username) return new AppError('conflict', 'You already hold this chat.');
  if (!ready) return new AppError('conflict', `${account.name} cannot take chats now (offline or not connected).`);
  if (openChats >= maxChats) return new AppError('conflict', `${account.name} is at their limit of open chats.`);
  return undefined;
}

/** The rate-limit key of a message's sender. */
export const senderKey = (actor: Actor) => (actor.role === 'visitor' ? `visitor:${actor.chatId}` : `agent:${actor.username}`);

export const senderOf = (actor: Actor) =>
  actor.role === 'visitor' ? { role: 'visitor' as const } : { role: 'agent' as const, name: actor.name, username: actor.username };

/** A stored chat as the domain rules see it (undefined once ended). */
export const toLive = (c: ChatRecord): LiveChat | undefined =>
  c.status === 'ended'
    ? undefined
    : {
        id: c.id, visitorName: c.visitorName, status: c.status,
        agent: c.status === 'active' && c.agentUsername ? { username: c.agentUsername, name: c.agentName ?? c.agentUsername } : null,
        startedAt: c.startedAt, lastSeq: c.lastSeq, queueEntryId: c.queueEntryId,
      };

export const events = {
  message: (chat: LiveChat, message: ChatMessage): OutEvent[] => [
    toVisitor(chat.id, 'chat:message', message),
    ...(chat.agent ? [toAgent(chat.agent.username, 'chat:message', message)] : []),
  ],
  started: (username: string, chat: { id: string; visitorName: string }) =>
    toAgent(username, 'chat:assigned', { chatId: chat.id, visitor: { name: chat.visitorName }, reason: 'new', transcript: [] }),
  ended: (chat: LiveChat, by: Actor['role']): OutEvent[] => [
    toVisitor(chat.id, 'chat:ended', { chatId: chat.id, by }),
    ...(chat.agent ? [toAgent(chat.agent.username, 'chat:ended', { chatId: chat.id, by })] : []),
  ],
  requeued: (username: string, chatId: string, note: MessageRecord, ahead: number): OutEvent[] => [
    toAgent(username, 'chat:removed', { chatId, reason: 'requeued' }),
    toVisitor(chatId, 'chat:message', messageView(note)),
    toVisitor(chatId, 'chat:queued', { ahead }),
  ],
  /** A requeued chat handed to an agent. */
  handedOver: (agent: { username: string; name: string }, chat: { id: string; visitorName: string }, note: MessageRecord, transcript: ChatMessage[]): OutEvent[] => [
    toAgent(agent.username, 'chat:assigned', { chatId: chat.id, visitor: { name: chat.visitorName }, reason: 'requeue', transcript }),
    toVisitor(chat.id, 'chat:agent', { name: agent.name }),
    toVisitor(chat.id, 'chat:message', messageView(note)),
  ],
  transferred: (from: string, to: { username: string; name: string }, chat: { id: string; visitorName: string }, note: MessageRecord, transcript: ChatMessage[]): OutEvent[] => [
    toAgent(from, 'chat:removed', { chatId: chat.id, reason: 'transferred' }),
    toAgent(to.username, 'chat:assigned', { chatId: chat.id, visitor: { name: chat.visitorName }, reason: 'transfer', transcript }),
    toVisitor(chat.id, 'chat:agent', { name: to.name }),
    toVisitor(chat.id, 'chat:message', messageView(note)),
  ],
  turn: (entryId: string): OutEvent => ({ ns: 'queue', room: rooms.queueEntry(entryId), event: 'queue:turn', payload: { ahead: 0 } }),
};
