import { chatFor, isOwnMessage, type Actor } from '../../domain/chat-access.js';
import { messageView, newMessage, type Sender } from '../../domain/messages.js';
import type { MessageRecord } from '../../domain/records.js';
import type { SendReply } from '../../protocol/events.js';
import { AppError } from '../../protocol/errors.js';
import type { Outcome } from '../events.js';
import { chatEvents } from './chat-events.js';
import type { ChatCtx } from './context.js';

/** The rate-limit key of a message's sender. */
const senderKey = (actor: Actor) => (actor.role === 'visitor' ? `visitor:${actor.chatId}` : `agent:${actor.username}`);

const senderOf = (actor: Actor): Sender =>
  actor.role === 'visitor' ? { role: 'visitor' } : { role: 'agent', name: actor.name, username: actor.username };

/** Keys are unique per chat and side: another agent of the chat used this one. */
const keyTaken = () =>
  new AppError('conflict', 'Another sender in this chat already used this clientMsgId; use a new one.');

const duplicate = (m: MessageRecord): Outcome<SendReply> => ({
  value: { message: messageView(m), duplicate: true },
  events: [],
});

/**
 * Stores a message (committed before the answer), then delivers it to the visitor and the current
 * agent. The chat is locked while the message takes the next number, so two senders (on any nodes)
 * never get the same `seq`. With a `clientMsgId`, a retry of a message already stored answers that
 * message (`duplicate`) and delivers nothing twice — before anything else is checked, so a retry
 * after the chat ended still learns that its message was stored. A retry of a message still being
 * stored on this node waits for it (one chat's work runs one at a time here).
 */
export function sendMessage(
  ctx: ChatCtx,
  actor: Actor,
  chatId: string,
  body: string,
  clientMsgId?: string,
): Promise<Outcome<SendReply>> {
  const { deps, store } = ctx;
  // A visitor only ever reaches its own chat: another chat's keys are not even looked up.
  const mayOwn = clientMsgId !== undefined && (actor.role !== 'visitor' || actor.chatId === chatId);
  const own = (m: MessageRecord | undefined) => (m && isOwnMessage(actor, chatId, m) ? m : undefined);
  return ctx.perChat(chatId, async () => {
    // A retry is answered without counting against the rate limit, which is taken before the lock.
    const stored = mayOwn ? await store.findMessageByClientId(chatId, actor.role, clientMsgId!) : undefined;
    if (own(stored)) return duplicate(stored!);
    await deps.limits.message(senderKey(actor));
    return store.chat(async (tx) => {
      const record = await tx.lockChat(chatId);
      // Under the lock, once more: another node may have stored it meanwhile.
      const again = mayOwn ? await tx.messageByClientId(chatId, actor.role, clientMsgId!) : undefined;
      if (own(again)) return duplicate(again!);
      const chat = chatFor(actor, chatId, record);
      if (again) throw keyTaken();
      const stamp = { seq: chat.lastSeq + 1, id: deps.newId(), at: deps.now() };
      const message = newMessage(chat, senderOf(actor), body, stamp, clientMsgId ?? null);
      await tx.addMessages([message]);
      const view = messageView(message);
      return { value: { message: view }, events: chatEvents.message(chat, view) };
    });
  });
}
