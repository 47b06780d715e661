import { AppError } from '../protocol/errors.js';
import type { ChatMessage } from '../protocol/models.js';
import type { MessageRecord } from '../store/port.js';
import type { LiveChat } from './chat-book.js';

/** Who acts on a chat: its visitor (by user token) or a staff member. */
export type Actor = { role: 'visitor'; chatId: string } | { role: 'agent'; username: string; name: string };

/**
 * Finds the live chat an actor may act on. A visitor only ever reaches its own chat; an agent only
 * the chats it currently holds. An ended (or unknown) chat is `gone` for its visitor.
 */
export function chatFor(actor: Actor, chatId: string, chat: LiveChat | undefined, ended: boolean): LiveChat {
  if (actor.role === 'visitor' && actor.chatId !== chatId) throw new AppError('forbidden', 'This is not your chat.');
  if (actor.role === 'agent' && (!chat || chat.agent?.username !== actor.username)) {
    throw new AppError(ended || chat ? 'forbidden' : 'not_found', ended || chat ? 'This chat is not yours.' : 'No such chat.');
  }
  if (!chat) throw new AppError('gone', 'This chat has ended.');
  return chat;
}

/** A message with sender and receiver as they are at the moment of sending. */
export function buildMessage(
  chat: LiveChat,
  from: { role: 'visitor' | 'agent' | 'system'; name?: string; username?: string },
  body: string,
  seq: number,
  id: string,
  now: number,
  clientMsgId: string | null = null,
): MessageRecord {
  const fromName = from.role === 'visitor' ? chat.visitorName : from.role === 'system' ? 'Switchboard' : from.name!;
  let to: Pick<MessageRecord, 'toRole' | 'toName' | 'toUsername'> = { toRole: null, toName: null, toUsername: null };
  if (from.role === 'visitor' && chat.agent) to = { toRole: 'agent', toName: chat.agent.name, toUsername: chat.agent.username };
  if (from.role === 'agent') to = { toRole: 'visitor', toName: chat.visitorName, toUsername: null };
  return {
    id, chatId: chat.id, seq, body, sentAt: now, clientMsgId,
    fromRole: from.role, fromName, fromUsername: from.role === 'agent' ? from.username! : null,
    ...to,
  };
}

/** Record → the contract's Message shape. */
export function messageView(m: MessageRecord): ChatMessage {
  const msg: ChatMessage = {
    id: m.id,
    chatId: m.chatId,
    seq: m.seq,
    from: { role: m.fromRole, name: m.fromName, ...(m.fromUsername ? { username: m.fromUsername } : {}) },
    body: m.body,
    sentAt: new Date(m.sentAt).toISOString(),
  };
  if (m.toRole) msg.to = { role: m.toRole, name: m.toName!, ...(m.toUsername ? { username: m.toUsername } : {}) };
  return msg;
}
