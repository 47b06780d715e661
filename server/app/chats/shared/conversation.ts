import { buildMessage, chatFor, messageView, type Actor } from '../../../domain/chat-rules.js';
import type { ChatMessage } from '../../../protocol/models.js';
import type { ChatRecord, MessageRecord } from '../../../store/port.js';
import { effectiveMaxChats } from '../../deps.js';
import type { Outcome } from '../../events.js';
import { events as out, notes, senderKey, senderOf, toLive, transferRefusal } from '../common.js';
import { transcriptOf } from '../views.js';
import { liveAfter, type SharedCtx } from './context.js';
import { dispatchEvents, dispatchIn } from './routing.js';

/** The chat an actor may act on (see chatFor), from a row read in the transaction. */
const allowed = (actor: Actor, chatId: string, record: ChatRecord | undefined) =>
  chatFor(actor, chatId, record && toLive(record), record?.status === 'ended');

/**
 * Stores a message, committed before the ack. The chat's row stays locked while the message takes
 * the next number, so a visitor on one node and an agent on another never get the same `seq`; under
 * the same lock a retry with a known `clientMsgId` answers the stored message and delivers nothing.
 * On this node a chat's messages are written one at a time in arrival order, so each sender's
 * messages keep their order (a sender's socket lives on one node).
 */
export async function sendMessage(
  ctx: SharedCtx,
  actor: Actor,
  chatId: string,
  body: string,
  clientMsgId?: string,
): Promise<Outcome<ChatMessage> & { duplicate?: boolean }> {
  const { deps } = ctx;
  const duplicate = (m: MessageRecord) => ({ value: messageView(m), events: [], duplicate: true });
  const write = async () => {
    // A retry of a stored message is answered, not counted against the rate limit; the limit is
    // taken before the row lock, so the lock is held for database work only.
    const known = clientMsgId === undefined ? undefined : await deps.store.findMessageByClientId(chatId, actor.role, clientMsgId);
    if (known && (actor.role === 'visitor' ? actor.chatId === chatId : known.fromUsername === actor.username)) return duplicate(known);
    await deps.limits.message(senderKey(actor));
    return ctx.store.transaction(async (tx) => {
      const record = await tx.lockChat(chatId);
      const chat = allowed(actor, chatId, record);
      if (clientMsgId !== undefined) {
        const existing = await tx.messageByClientId(chatId, actor.role, clientMsgId);
        if (existing) return duplicate(existing);
      }
      const stored = buildMessage(chat, senderOf(actor), body, record!.lastSeq + 1, deps.newId(), deps.now(), clientMsgId ?? null);
      await tx.addMessages([stored]);
      const message = messageView(stored);
      return { value: message, events: out.message(chat, message) };
    });
  };
  return ctx.perChat(chatId, write);
}

/** Either side ends the chat; both are told. */
export async function endChat(ctx: SharedCtx, actor: Actor, chatId: string): Promise<Outcome<void>> {
  const by = actor.role;
  // The room it frees is handed out in the same routing transaction.
  const { chat, next } = await ctx.store.routing(async (tx) => {
    const live = allowed(actor, chatId, await tx.lockChat(chatId));
    await tx.updateChat({ id: chatId, status: 'ended', endedAt: ctx.deps.now(), endedBy: by });
    if (live.status === 'queued') await tx.removeEntry(chatId);
    return { chat: live, next: await dispatchIn(ctx, tx) };
  });
  ctx.deps.log.info({ chatId, by }, 'chat ended');
  return { value: undefined, events: [...out.ended(chat, by), ...(await dispatchEvents(ctx, next))] };
}

/** Hands a chat to another agent with its transcript, under the routing lock (the target's load counts). */
export async function transferChat(ctx: SharedCtx, actor: Actor & { role: 'agent' }, chatId: string, to: string): Promise<Outcome<void>> {
  const { deps } = ctx;
  const target = to.trim().toLowerCase();
  const done = await ctx.store.routing(async (tx) => {
    const record = await tx.lockChat(chatId);
    const chat = allowed(actor, chatId, record);
    const account = await deps.store.getAccount(target);
    const ready = (await tx.routable(liveAfter(ctx))).find((c) => c.username === target);
    const refusal = transferRefusal(actor, target, account, !!ready, ready?.openChats ?? 0, effectiveMaxChats(deps, account?.maxChats ?? null));
    if (refusal) throw refusal;
    const next = { username: target, name: account!.name };
    const now = deps.now();
    const note = buildMessage(chat, { role: 'system' }, notes.transferred(actor.name, next.name), record!.lastSeq + 1, deps.newId(), now);
    await tx.updateChat({ id: chatId, agentUsername: next.username, agentName: next.name });
    await tx.addMessages([note]);
    await tx.markAssigned(next.username, now);
    return { chat, next, note, dispatched: await dispatchIn(ctx, tx) };
  });
  deps.log.info({ chatId, from: actor.username, to: target }, 'chat transferred');
  const events = out.transferred(actor.username, done.next, done.chat, done.note, await transcriptOf(deps.store, chatId));
  return { value: undefined, events: [...events, ...(await dispatchEvents(ctx, done.dispatched))] };
}
