import type { ChatRecord } from '../../domain/records.js';
import type { OutEvent } from '../events.js';
import { chatEvents } from './chat-events.js';
import { liveAfter, type ChatCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './dispatch.js';
import { noAgentFree, notYourTurn, queueGone } from './errors.js';
import { entryOf } from './queue.js';
import { pickAgent } from './routing.js';
import { forgetCapacity } from './wait-estimate.js';
import { visitorOf } from './visitors.js';

/** Asking to start again with the same queue token answers the chat it started (safe to retry). */
async function resumeStarted(ctx: ChatCtx, entryId: string) {
  const existing = await ctx.store.findChatByQueueEntry(entryId);
  if (!existing || existing.status === 'ended') throw queueGone();
  const { token } = await ctx.deps.tokens.sign('user', { name: existing.visitorName, chatId: existing.id });
  return { userToken: token, chatId: existing.id, agent: existing.agentName ? { name: existing.agentName } : null };
}

/**
 * Starts the chat of the visitor at the front, in one routing transaction: the entry is locked, the
 * agent picked from loads read under the routing lock, the chat inserted and the entry removed;
 * whose turn is next is decided in the same transaction.
 */
export async function startChat(ctx: ChatCtx, queueToken: string | undefined) {
  const { deps } = ctx;
  const id = await entryOf(ctx, queueToken);
  // Most calls come too early: answered from a plain count, without waiting for the routing lock.
  const early = await ctx.store.poll(id, deps.now());
  if (early) throw notYourTurn(early);
  const started = await ctx.store.routing(async (tx) => {
    const found = await tx.entry(id);
    if (!found) return undefined;
    if (found.ahead > 0) throw notYourTurn(found.ahead);
    const agent = pickAgent(ctx, await tx.routable(liveAfter(deps.now())));
    if (!agent) throw noAgentFree();
    const now = deps.now();
    const chat: ChatRecord = {
      id: deps.newId(),
      visitorName: found.entry.name,
      agentUsername: agent.username,
      agentName: agent.name,
      status: 'active',
      startedAt: now,
      endedAt: null,
      endedBy: null,
      lastSeq: 0,
      queueEntryId: id,
    };
    await tx.removeEntry(id);
    await tx.insertChat(chat);
    await tx.markAssigned(agent.username, now);
    return { chat, agent, next: await dispatchIn(ctx, tx) };
  });
  if (!started) return { value: await resumeStarted(ctx, id), events: [] as OutEvent[] };
  const { chat, agent } = started;
  forgetCapacity(ctx);
  deps.log.info({ chatId: chat.id, agent: agent.username }, 'chat started');
  const { token } = await deps.tokens.sign('user', { name: chat.visitorName, chatId: chat.id });
  const visitor = await visitorOf(ctx, chat);
  const events = [chatEvents.started(agent, chat, visitor), ...(await dispatchEvents(ctx, started.next))];
  return { value: { userToken: token, chatId: chat.id, agent: { name: agent.name } }, events };
}
