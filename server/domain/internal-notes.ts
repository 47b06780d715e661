import type { Stamp } from './messages.js';
import type { ChatRecord, MessageRecord } from './records.js';

/**
 * An internal note (contract v2): written by the chat's agent for staff only. It takes the chat's
 * next `seq` like any message and is addressed to nobody; `internal: true` keeps it from the visitor.
 */
export function internalNote(
  chat: ChatRecord,
  author: { username: string; name: string },
  body: string,
  stamp: Stamp,
  clientMsgId: string | null,
): MessageRecord {
  return {
    id: stamp.id,
    chatId: chat.id,
    seq: stamp.seq,
    fromRole: 'agent',
    fromName: author.name,
    fromUsername: author.username,
    toRole: null,
    toName: null,
    toUsername: null,
    body,
    sentAt: stamp.at,
    clientMsgId,
    internal: true,
  };
}

/** What a visitor may see of a transcript: everything but internal notes (seq keeps its gaps). */
export const visibleToVisitor = <M extends { internal?: boolean }>(messages: M[]): M[] =>
  messages.some((m) => m.internal) ? messages.filter((m) => !m.internal) : messages;
