import { buildMessage, chatFor, messageView, type Actor } from '../../domain/chat-rules.js';
import type { ChatMessage } from '../../protocol/models.js';
import { effectiveMaxChats } from '../deps.js';
import type { Outcome } from '../events.js';
import { candidates } from './candidates.js';
import { events as out, notes, senderKey, senderOf, transferRefusal } from './common.js';
import { dispatch } from './requeue.js';
import type { ChatCtx } from './state.js';
import { transcriptOf } from './views.js';

async function liveChatFor(ctx: ChatCtx, actor: Actor, chatId: string) {
  const live = ctx.book.get(chatId);
  const ended = !live && (await ctx.deps.store.getChat(chatId))?.status === 'ended';
  return chatFor(actor, chatId, live, ended);
}

/**
 * Stores a message (committed before the ack), then delivers it to the visitor and the current agent.
 * Not serialized with the other chat operations: the message number is reserved synchronously, and
 * the store commits writes in the order they were asked for (many messages in one transaction).
 * With a `clientMsgId`, a retry of a message already stored (or being stored) answers that message
 * again and delivers nothing twice.
 */
export async function sendMessage(
  ctx: ChatCtx,
  actor: Actor,
  chatId: string,
  body: string,
  clientMsgId?: string,
): Promise<Outcome<ChatMessage> & { duplicate?: boolean }> {
  await liveChatFor(ctx, actor, chatId);
  if (clientMsgId === undefined) return store(ctx, actor, chatId, body, null);
  const key = `${chatId}|${actor.role}|${clientMsgId}`;
  const inflight = ctx.inflight.get(key);
  if (inflight) return { value: await inflight, events: [], duplicate: true };
  const existing = await ctx.deps.store.findMessageByClientId(chatId, actor.role, clientMsgId);
  if (existing) return { value: messageView(existing), events: [], duplicate: true };
  const pending = store(ctx, actor, chatId, body, clientMsgId);
  const value = pending.then((o) => o.value);
  value.catch(() => {}); // a failure reaches the caller through `pending`, and any waiting retry
  ctx.inflight.set(key, value);
  try {
    return await pending;
  } finally {
    ctx.inflight.delete(key);
  }
}

async function store(ctx: ChatCtx, actor: Actor, chatId: string, body: string, clientMsgId: string | null): Promise<Outcome<ChatMessage>> {
  await ctx.deps.limits.message(senderKey(actor));
  // Checked again, with no await until the number is reserved: the chat may have moved meanwhile.
  const chat = chatFor(actor, chatId, ctx.book.get(chatId), true);
  const record = buildMessage(chat, senderOf(actor), body, ctx.book.nextSeq(chat.id), ctx.deps.newId(), ctx.deps.now(), clientMsgId);
  await ctx.deps.store.applyChatChange({ messages: [record] });
  const message = messageView(record);
  return { value: message, events: out.message(chat, message) };
}

/** Either side ends the chat; both are told. The visitor's token can still read the history. */
export async function endChat(ctx: ChatCtx, actor: Actor, chatId: string): Promise<Outcome<void>> {
  return ctx.serialize(async () => {
    const chat = await liveChatFor(ctx, actor, chatId);
    const now = ctx.deps.now();
    const by = actor.role;
    const queued = chat.status === 'queued';
    await ctx.deps.store.applyChatChange({
      updateChat: { id: chat.id, status: 'ended', endedAt: now, endedBy: by },
      ...(queued ? { removeQueueEntry: chat.id } : {}),
    });
    ctx.book.remove(chat.id);
    if (queued) ctx.queue.remove(chat.id);
    ctx.deps.log.info({ chatId, by }, 'chat ended');
    return { value: undefined, events: [...out.ended(chat, by), ...(await dispatch(ctx))] };
  });
}

/**
 * Hands a chat to another agent with its whole transcript. The target must be online, connected,
 * not the sender, and below its maxChats (else `conflict`).
 */
export async function transferChat(ctx: ChatCtx, actor: Actor & { role: 'agent' }, chatId: string, to: string): Promise<Outcome<void>> {
  return ctx.serialize(async () => {
    const chat = await liveChatFor(ctx, actor, chatId);
    const target = to.trim().toLowerCase();
    const account = await ctx.deps.store.getAccount(target);
    const ready = (await candidates(ctx)).some((c) => c.username === target);
    const refusal = transferRefusal(actor, target, account, ready, ctx.book.openChatsOf(target), effectiveMaxChats(ctx.deps, account?.maxChats ?? null));
    if (refusal) throw refusal;
    const now = ctx.deps.now();
    const next = { username: target, name: account!.name };
    const note = buildMessage(chat, { role: 'system' }, notes.transferred(actor.name, next.name), ctx.book.nextSeq(chat.id), ctx.deps.newId(), now);
    await ctx.deps.store.applyChatChange({
      updateChat: { id: chat.id, agentUsername: target, agentName: next.name },
      messages: [note],
    });
    ctx.book.assign(chat.id, next);
    ctx.idleSince.set(target, now);
    ctx.deps.log.info({ chatId, from: actor.username, to: target }, 'chat transferred');
    const events = out.transferred(actor.username, next, chat, note, await transcriptOf(ctx.deps.store, chatId));
    return { value: undefined, events: [...events, ...(await dispatch(ctx))] };
  });
}
