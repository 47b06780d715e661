import type { MessageRecord } from '../../domain/records.js';
import type { OutEvent } from '../events.js';
import { chatEvents } from './chat-events.js';
import { liveAfter, type ChatCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './dispatch.js';
import { writeNote } from './notes.js';
import { agentsOnline, forgetOnlineCount } from './routing.js';
import { estimateFor } from './wait-estimate.js';

/**
 * Sends every chat an agent holds back to the FRONT of the queue (logout, deletion, grace period
 * over), with a note, then hands them out to agents with room — in one routing transaction. With
 * `goneBefore` (grace period over) only if the agent is still away from every live node since then.
 */
export async function requeueChatsOf(ctx: ChatCtx, username: string, goneBefore?: number): Promise<OutEvent[]> {
  const { deps } = ctx;
  const { done, next } = await ctx.store.routing(async (tx) => {
    const done: { chatId: string; note: MessageRecord; ahead: number }[] = [];
    if (goneBefore !== undefined && !(await tx.isAway(username, liveAfter(deps.now()), goneBefore))) {
      return { done, next: { handed: [] } };
    }
    for (const chat of await tx.lockChatsOf(username)) {
      const note = await writeNote(ctx, tx, chat, { kind: 'requeued', agent: chat.agentName ?? username });
      await tx.updateChat({ id: chat.id, status: 'queued', agentUsername: null, agentName: null });
      await tx.addFrontEntry({ id: chat.id, name: chat.visitorName }, deps.now());
      done.push({ chatId: chat.id, note, ahead: (await tx.entry(chat.id))?.ahead ?? 0 });
    }
    return { done, next: await dispatchIn(ctx, tx) };
  });
  if (done.length) deps.log.info({ from: username, chats: done.length }, 'chats requeued');
  // Counted after the requeue (and what it handed out): who can still take chats.
  forgetOnlineCount(ctx);
  const online = done.length ? await agentsOnline(ctx) : 0;
  const estimates = await Promise.all(done.map((r) => estimateFor(ctx, r.ahead)));
  const requeued = done.flatMap((r, i) =>
    chatEvents.requeued(username, r.chatId, r.note, r.ahead, online, estimates[i] ?? null),
  );
  return [...requeued, ...(await dispatchEvents(ctx, next))];
}
