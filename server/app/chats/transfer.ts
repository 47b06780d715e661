import { chatFor, type Actor } from '../../domain/chat-access.js';
import { transferRefusal } from '../../domain/transfer.js';
import type { Outcome } from '../events.js';
import { chatEvents } from './chat-events.js';
import { liveAfter, type ChatCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './dispatch.js';
import { writeNote } from './notes.js';
import { loadsOf } from './routing.js';
import { transcriptOf } from './views.js';
import { visitorOf } from './visitors.js';

/**
 * Hands a chat to another agent with its whole transcript, under the routing lock (so the target's
 * load is counted as it is). The transfer rule: see domain/transfer.ts.
 */
export async function transferChat(
  ctx: ChatCtx,
  actor: Actor & { role: 'agent' },
  chatId: string,
  to: string,
): Promise<Outcome<void>> {
  const { deps } = ctx;
  const username = to.trim().toLowerCase();
  const done = await ctx.store.routing(async (tx) => {
    const chat = chatFor(actor, chatId, await tx.lockChat(chatId));
    const account = await deps.store.getAccount(username);
    const load = loadsOf(ctx, await tx.routable(liveAfter(deps.now()))).find((c) => c.username === username);
    const refusal = transferRefusal(actor, {
      username,
      account,
      ready: load !== undefined,
      openChats: load?.openChats ?? 0,
      maxChats: load?.maxChats ?? 0,
    });
    if (refusal) throw refusal;
    const next = { username, name: account!.name };
    const note = await writeNote(ctx, tx, chat, { kind: 'transferred', from: actor.name, to: next.name });
    await tx.updateChat({ id: chatId, agentUsername: next.username, agentName: next.name });
    await tx.markAssigned(next.username, deps.now());
    return { chat, next, note, dispatched: await dispatchIn(ctx, tx) };
  });
  deps.log.info({ chatId, from: actor.username, to: username }, 'chat transferred');
  const [transcript, visitor] = await Promise.all([transcriptOf(ctx.store, chatId), visitorOf(ctx, done.chat)]);
  const events = chatEvents.transferred(actor.username, done.next, done.chat, done.note, transcript, visitor);
  return { value: undefined, events: [...events, ...(await dispatchEvents(ctx, done.dispatched))] };
}
