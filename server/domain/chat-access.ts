import { AppError } from '../protocol/errors.js';
import type { ChatRecord, MessageRecord, OpenChatRecord } from './records.js';

/** Who acts on a chat: its visitor (by user token) or a staff member. */
export type Actor = { role: 'visitor'; chatId: string } | { role: 'agent'; username: string; name: string };

/**
 * The open chat an actor may act on. A visitor only ever reaches its own chat; an agent only the
 * chats it currently holds. An ended chat is `gone` for its visitor and `forbidden` for agents.
 */
export function chatFor(actor: Actor, chatId: string, chat: ChatRecord | undefined): OpenChatRecord {
  if (actor.role === 'visitor' && actor.chatId !== chatId) throw new AppError('forbidden', 'This is not your chat.');
  if (actor.role === 'agent' && !chat) throw new AppError('not_found', 'No such chat.');
  if (actor.role === 'agent' && (chat!.status !== 'active' || chat!.agentUsername !== actor.username)) {
    throw new AppError('forbidden', 'This chat is not yours.');
  }
  if (!chat || chat.status === 'ended') throw new AppError('gone', 'This chat has ended.');
  return chat as OpenChatRecord;
}

/**
 * Whether a stored message is this actor's own, sent in this chat: then a retry with its
 * idempotency key is answered with it (`duplicate`), whatever became of the chat since.
 */
export const isOwnMessage = (actor: Actor, chatId: string, m: MessageRecord): boolean =>
  m.chatId === chatId &&
  (actor.role === 'visitor' ? actor.chatId === chatId && m.fromRole === 'visitor' : m.fromUsername === actor.username);
