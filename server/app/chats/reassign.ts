import { messageView } from '../../domain/messages.js';
import { reassignCandidates, waitedTooLong, waitingSince } from '../../domain/reassign.js';
import { toAgent, toVisitor, type OutEvent } from '../events.js';
import { liveAfter, type ChatCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './dispatch.js';
import { writeNote } from './notes.js';
import { loadsOf } from './routing.js';
import { transcriptOf } from './views.js';
import { visitorOf } from './visitors.js';

/**
 * v2 (--reassign-after): moves an active chat whose visitor has waited too long for its agent's reply
 * (domain/reassign.ts) to another routable agent with room, picked by the routing strategy among
 * those who never let this chat wait; nobody: it stays (and is looked at again on the next sweep).
 * Decided in one routing transaction with the chat locked, so that with several nodes one moves it.
 * The transcript is read before the lock; a message stored meanwhile (the chat's lastSeq moved)
 * leaves the decision to the next sweep.
 */
export async function reassignIfWaiting(ctx: ChatCtx, chatId: string): Promise<OutEvent[]> {
  const { deps } = ctx;
  const seconds = deps.config.reassignAfter;
  const [seen, before] = await Promise.all([ctx.store.getTranscript(chatId), ctx.store.getChat(chatId)]);
  // Looked at first without the routing lock (a sweep finds the same chats every second while nobody
  // can take them): not waited long enough yet, or no other agent with room right now.
  if (!before?.agentUsername || !waitedTooLong(waitingSince(before.startedAt, seen), deps.now(), seconds)) return [];
  const snapshot = loadsOf(ctx, await ctx.store.routableAgents(liveAfter(deps.now())));
  if (!ctx.route(reassignCandidates(snapshot, before.agentUsername, []))) return [];
  const moved = await ctx.store.routing(async (tx) => {
    const chat = await tx.lockChat(chatId);
    if (chat?.status !== 'active' || !chat.agentUsername) return undefined;
    if (chat.lastSeq !== (seen.at(-1)?.seq ?? 0)) return undefined;
    if (!waitedTooLong(waitingSince(chat.startedAt, seen), deps.now(), seconds)) return undefined;
    const from = { username: chat.agentUsername, name: chat.agentName ?? chat.agentUsername };
    const loads = loadsOf(ctx, await tx.routable(liveAfter(deps.now())));
    const candidates = reassignCandidates(loads, from.username, await tx.passedOver(chatId));
    const to = candidates.find((c) => c.username === ctx.route(candidates));
    if (!to) return undefined;
    const note = await writeNote(ctx, tx, chat, { kind: 'reassigned', from: from.name, to: to.name, seconds });
    await tx.addPassedOver(chatId, from.username, deps.now());
    await tx.updateChat({ id: chatId, agentUsername: to.username, agentName: to.name });
    await tx.markAssigned(to.username, deps.now());
    return { chat, from, to, note, next: await dispatchIn(ctx, tx) };
  });
  if (!moved) return [];
  const { chat, from, to, note } = moved;
  deps.log.info({ chatId, from: from.username, to: to.username }, 'chat reassigned');
  const [transcript, visitor] = await Promise.all([transcriptOf(ctx.store, chatId), visitorOf(ctx, chat)]);
  return [
    toAgent(from.username, 'chat:removed', { chatId, reason: 'reassigned' }),
    toAgent(to.username, 'chat:assigned', { chatId, visitor, reason: 'reassigned', transcript }),
    toVisitor(chatId, 'chat:message', messageView(note)),
    toVisitor(chatId, 'chat:agent', { name: to.name }),
    ...(await dispatchEvents(ctx, moved.next)),
  ];
}
