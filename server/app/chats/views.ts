import type { LiveChat } from '../../domain/chat-book.js';
import { chatFor, messageView } from '../../domain/chat-rules.js';
import type { ChatMessage } from '../../protocol/models.js';
import type { ChatStore } from '../../store/port.js';

/** Read models of chats, the same for both engines: each passes in the live chats it knows. */

export const transcriptOf = async (store: Pick<ChatStore, 'getTranscript'>, chatId: string, afterSeq = 0): Promise<ChatMessage[]> =>
  (await store.getTranscript(chatId, afterSeq)).map(messageView);

/** `chats:open` for an agent: every chat it holds, with transcripts. */
export async function openChatsPayload(store: ChatStore, held: LiveChat[], since: Record<string, number> = {}) {
  const chats = await Promise.all(
    held.map(async (c) => ({
      chatId: c.id,
      visitor: { name: c.visitorName },
      startedAt: new Date(c.startedAt).toISOString(),
      transcript: await transcriptOf(store, c.id, since[c.id] ?? 0),
      // Added: the transcript holds only messages after this number (the client's `since`).
      ...(since[c.id] ? { since: since[c.id] } : {}),
    })),
  );
  chats.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { chats };
}

/**
 * `chat:history` for a visitor: transcript, current agent, and (added) status and place in the
 * queue (`ahead`, for a requeued chat). `live` is undefined once the chat has ended.
 */
export async function historyPayload(store: ChatStore, chatId: string, live: LiveChat | undefined, ahead: number | undefined, since = 0) {
  const transcript = await transcriptOf(store, chatId, since);
  const partial = since ? { since } : {};
  if (!live) return { chatId, transcript, agent: null, status: 'ended' as const, ...partial };
  return { chatId, transcript, agent: live.agent ? { name: live.agent.name } : null, status: live.status, ...(ahead !== undefined ? { ahead } : {}), ...partial };
}

/** One chat the agent holds, with its transcript (GET /api/chats/:chatId). */
export async function chatDetail(store: ChatStore, username: string, chatId: string, live: LiveChat | undefined) {
  const chat = chatFor({ role: 'agent', username, name: '' }, chatId, live, false);
  return {
    chatId: chat.id,
    visitor: { name: chat.visitorName },
    agent: chat.agent,
    status: chat.status,
    startedAt: new Date(chat.startedAt).toISOString(),
    transcript: await transcriptOf(store, chat.id),
  };
}
