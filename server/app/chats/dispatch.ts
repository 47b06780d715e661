import type { ChatRecord, MessageRecord } from '../../domain/records.js';
import type { OutEvent } from '../events.js';
import type { RoutingTx } from '../ports/chat-store.js';
import { chatEvents } from './chat-events.js';
import { liveAfter, type ChatCtx } from './context.js';
import { writeNote } from './notes.js';
import { forgetOnlineCount, pickAgent } from './routing.js';
import { transcriptOf } from './views.js';
import { visitorOf } from './visitors.js';

type Handed = { agent: { username: string; name: string }; chat: ChatRecord; note: MessageRecord };
export interface Dispatched {
  /** Requeued chats handed to agents. */
  handed: Handed[];
  /** The fresh visitor at the front, told it is their turn (an agent has room for them). */
  turn?: string;
}

/**
 * Inside a routing transaction: the queue's fairness rule. Chats sent back to the queue wait at the
 * front (first requeued, first served) and are handed to agents with room, one after the other;
 * then, if an agent still has room, the first fresh visitor is told it is their turn (they start
 * their chat themselves, see startChat).
 */
export async function dispatchIn(ctx: ChatCtx, tx: RoutingTx): Promise<Dispatched> {
  const handed: Handed[] = [];
  for (;;) {
    const head = await tx.head();
    if (!head) return { handed };
    const agent = pickAgent(ctx, await tx.routable(liveAfter(ctx.deps.now())));
    if (!agent) return { handed };
    if (!head.chatId) return { handed, turn: head.id };
    const chat = await tx.lockChat(head.chatId);
    await tx.removeEntry(head.id);
    if (chat?.status !== 'queued') continue;
    const note = await writeNote(ctx, tx, chat, { kind: 'joined', agent: agent.name });
    await tx.updateChat({ id: chat.id, status: 'active', agentUsername: agent.username, agentName: agent.name });
    await tx.markAssigned(agent.username, ctx.deps.now());
    handed.push({ agent, chat, note });
  }
}

/** The events of a dispatch, once its transaction has committed. */
export async function dispatchEvents(ctx: ChatCtx, { handed, turn }: Dispatched): Promise<OutEvent[]> {
  const events: OutEvent[] = [];
  for (const { agent, chat, note } of handed) {
    ctx.deps.log.info({ chatId: chat.id, to: agent.username }, 'requeued chat assigned');
    const [transcript, visitor] = await Promise.all([transcriptOf(ctx.store, chat.id), visitorOf(ctx, chat)]);
    events.push(...chatEvents.handedOver(agent, chat, note, transcript, visitor));
  }
  if (turn) events.push(chatEvents.turn(turn));
  return events;
}

/**
 * Capacity may have appeared (an agent online or connected, maxChats raised, a chat ended): hand
 * out what waits, in one routing transaction.
 */
export async function dispatch(ctx: ChatCtx): Promise<OutEvent[]> {
  forgetOnlineCount(ctx);
  return dispatchEvents(ctx, await ctx.store.routing((tx) => dispatchIn(ctx, tx)));
}
