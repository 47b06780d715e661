import { chatFor, type Actor } from '../../domain/chat-access.js';
import type { Outcome } from '../events.js';
import { chatEvents } from './chat-events.js';
import type { ChatCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './dispatch.js';

/** Either side ends the chat; both are told. The room it frees is handed out in the same transaction. */
export async function endChat(ctx: ChatCtx, actor: Actor, chatId: string): Promise<Outcome<void>> {
  const by = actor.role;
  const { chat, next } = await ctx.store.routing(async (tx) => {
    const open = chatFor(actor, chatId, await tx.lockChat(chatId));
    await tx.updateChat({ id: chatId, status: 'ended', endedAt: ctx.deps.now(), endedBy: by });
    if (open.status === 'queued') await tx.removeEntry(chatId);
    return { chat: open, next: await dispatchIn(ctx, tx) };
  });
  ctx.deps.log.info({ chatId, by }, 'chat ended');
  return { value: undefined, events: [...chatEvents.ended(chat, by), ...(await dispatchEvents(ctx, next))] };
}
