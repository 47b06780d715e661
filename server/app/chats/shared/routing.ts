import type { LiveChat } from '../../../domain/chat-book.js';
import { buildMessage } from '../../../domain/chat-rules.js';
import type { MessageRecord } from '../../../store/port.js';
import type { RoutingTx } from '../../../store/shared-port.js';
import type { OutEvent } from '../../events.js';
import { events as out, notes, toLive } from '../common.js';
import { transcriptOf } from '../views.js';
import { liveAfter, pick, type SharedCtx } from './context.js';

type Handed = { agent: { username: string; name: string }; chat: LiveChat; note: MessageRecord };

/**
 * Inside a routing transaction: hands requeued chats at the front of the queue to agents with room;
 * answers them and the first fresh visitor's entry when an agent has room for it too.
 */
export async function dispatchIn(ctx: SharedCtx, tx: RoutingTx): Promise<{ handed: Handed[]; turn?: string }> {
  const { deps } = ctx;
  const handed: Handed[] = [];
  for (;;) {
    const head = await tx.head();
    if (!head) return { handed };
    const agent = pick(ctx, await tx.routable(liveAfter(ctx)));
    if (!agent) return { handed };
    if (!head.chatId) return { handed, turn: head.id };
    const record = await tx.lockChat(head.chatId);
    await tx.removeEntry(head.id);
    const chat = record && toLive(record);
    if (!chat || chat.status !== 'queued') continue;
    const now = deps.now();
    const note = buildMessage(chat, { role: 'system' }, notes.joined(agent.name), record.lastSeq + 1, deps.newId(), now);
    await tx.updateChat({ id: chat.id, status: 'active', agentUsername: agent.username, agentName: agent.name });
    await tx.addMessages([note]);
    await tx.markAssigned(agent.username, now);
    handed.push({ agent, chat, note });
  }
}

/** The events of a dispatch, once its transaction has committed. */
export async function dispatchEvents(ctx: SharedCtx, { handed, turn }: { handed: Handed[]; turn?: string }): Promise<OutEvent[]> {
  const events: OutEvent[] = [];
  for (const { agent, chat, note } of handed) {
    ctx.deps.log.info({ chatId: chat.id, to: agent.username }, 'requeued chat assigned');
    events.push(...out.handedOver(agent, chat, note, await transcriptOf(ctx.deps.store, chat.id)));
  }
  if (turn) events.push(out.turn(turn));
  return events;
}

/**
 * Hands requeued chats at the front of the queue to agents with room, then tells the first fresh
 * visitor (if an agent has room) that it is their turn. One routing transaction: any node may run it.
 */
export async function dispatch(ctx: SharedCtx): Promise<OutEvent[]> {
  ctx.onlineCount = undefined;
  return dispatchEvents(ctx, await ctx.store.routing((tx) => dispatchIn(ctx, tx)));
}

/**
 * Sends every chat an agent holds back to the FRONT of the queue, then hands them out. With
 * `goneBefore` (grace period over) only if the agent is still away from every live node since then.
 */
export async function requeueChatsOf(ctx: SharedCtx, username: string, goneBefore?: number): Promise<OutEvent[]> {
  const { deps, store } = ctx;
  const requeued = await store.routing(async (tx) => {
    if (goneBefore !== undefined && !(await tx.isAway(username, liveAfter(ctx), goneBefore))) return { done: [], next: { handed: [] } };
    const done: { chatId: string; note: MessageRecord; ahead: number }[] = [];
    for (const record of await tx.lockChatsOf(username)) {
      const chat = toLive(record)!;
      const now = deps.now();
      const note = buildMessage(chat, { role: 'system' }, notes.requeued(chat.agent!.name), record.lastSeq + 1, deps.newId(), now);
      await tx.updateChat({ id: chat.id, status: 'queued', agentUsername: null, agentName: null });
      await tx.addMessages([note]);
      await tx.addFrontEntry({ id: chat.id, name: chat.visitorName }, now);
      done.push({ chatId: chat.id, note, ahead: (await tx.entry(chat.id))?.ahead ?? 0 });
    }
    // They are handed out in the same transaction, when agents have room.
    return { done, next: await dispatchIn(ctx, tx) };
  });
  const { done, next } = requeued;
  if (done.length) deps.log.info({ from: username, chats: done.length }, 'chats requeued');
  return [...done.flatMap((r) => out.requeued(username, r.chatId, r.note, r.ahead)), ...(await dispatchEvents(ctx, next))];
}
