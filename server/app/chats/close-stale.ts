import { messageView } from '../../domain/messages.js';
import type { OutEvent } from '../events.js';
import type { Staleness } from '../ports/chat-store.js';
import { chatEvents } from './chat-events.js';
import type { ChatCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './dispatch.js';
import { writeNote } from './notes.js';

/** How stale a chat may get before it ends on its own, from --visitor-grace and --idle-close-after. */
export function stalenessNow(ctx: ChatCtx): Staleness {
  const { config } = ctx.deps;
  const now = ctx.deps.now();
  return {
    visitorGoneBefore: now - config.visitorGrace * 1000,
    idleBefore: config.idleCloseAfter > 0 ? now - config.idleCloseAfter * 1000 : undefined,
  };
}

/**
 * Ends a chat by "system" if it is still stale in the routing transaction: its visitor has had no
 * connection for --visitor-grace, or (held by an agent) nobody wrote for --idle-close-after. A note
 * says why; the room it frees is handed out in the same transaction.
 */
export async function closeIfStale(ctx: ChatCtx, chatId: string): Promise<OutEvent[]> {
  const { deps } = ctx;
  const closed = await ctx.store.routing(async (tx) => {
    const chat = await tx.lockChat(chatId);
    if (!chat || chat.status === 'ended') return undefined;
    const reason = await tx.staleness(chatId, stalenessNow(ctx));
    if (!reason) return undefined;
    const minutes = Math.round(deps.config.idleCloseAfter / 60);
    const note = await writeNote(
      ctx,
      tx,
      chat,
      reason === 'idle' ? { kind: 'closed-idle', minutes } : { kind: 'closed-visitor-gone' },
    );
    await tx.updateChat({ id: chatId, status: 'ended', endedAt: deps.now(), endedBy: 'system' });
    if (chat.status === 'queued') await tx.removeEntry(chatId);
    return { chat, note, reason, next: await dispatchIn(ctx, tx) };
  });
  if (!closed) return [];
  deps.log.info({ chatId, reason: closed.reason }, 'chat closed');
  const { chat, note } = closed;
  return [
    ...chatEvents.message(chat, messageView(note)),
    ...chatEvents.ended(chat, 'system'),
    ...(await dispatchEvents(ctx, closed.next)),
  ];
}
