import { chatFor } from '../../domain/chat-access.js';
import { messageView } from '../../domain/messages.js';
import type { ChatRecord } from '../../domain/records.js';
import type { ChatHistory, OpenChat } from '../../protocol/events.js';
import type { ChatMessage } from '../../protocol/models.js';
import type { ChatStore } from '../ports/chat-store.js';

/** Read models of chats. */

export const transcriptOf = async (
  store: Pick<ChatStore, 'getTranscript'>,
  chatId: string,
  afterSeq = 0,
): Promise<ChatMessage[]> => (await store.getTranscript(chatId, afterSeq)).map(messageView);

/**
 * `chats:open` for an agent: every chat it holds (`held`, else read now), with transcripts (after
 * `since[chatId]`, when given).
 */
export async function openChatsPayload(
  store: ChatStore,
  username: string,
  since: Record<string, number> = {},
  held?: ChatRecord[],
) {
  held ??= await store.chatsOf(username);
  const chats: OpenChat[] = await Promise.all(
    held.map(async (c) => ({
      chatId: c.id,
      visitor: { name: c.visitorName },
      startedAt: new Date(c.startedAt).toISOString(),
      transcript: await transcriptOf(store, c.id, since[c.id] ?? 0),
      ...(since[c.id] ? { since: since[c.id] } : {}),
    })),
  );
  chats.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { chats };
}

/**
 * `chat:history` for a visitor: transcript, current agent, and (added) status and place in the
 * queue (`ahead`, for a requeued chat).
 */
export async function historyPayload(store: ChatStore, chatId: string, since = 0): Promise<ChatHistory> {
  const [chat, transcript] = await Promise.all([store.getChat(chatId), transcriptOf(store, chatId, since)]);
  const partial = since ? { since } : {};
  if (!chat || chat.status === 'ended') return { chatId, transcript, agent: null, status: 'ended', ...partial };
  const ahead = chat.status === 'queued' ? await store.aheadOf(chatId) : undefined;
  const agent = chat.agentName ? { name: chat.agentName } : null;
  return { chatId, transcript, agent, status: chat.status, ...(ahead !== undefined ? { ahead } : {}), ...partial };
}

const agentOf = (c: ChatRecord) =>
  c.agentUsername ? { username: c.agentUsername, name: c.agentName ?? c.agentUsername } : null;

/** One chat the agent holds, with its transcript (GET /api/chats/:chatId); an ended one is not found. */
export async function chatDetail(store: ChatStore, username: string, chatId: string) {
  const found = await store.getChat(chatId);
  const chat = chatFor({ role: 'agent', username, name: '' }, chatId, found?.status === 'ended' ? undefined : found);
  return {
    chatId: chat.id,
    visitor: { name: chat.visitorName },
    agent: agentOf(chat),
    status: chat.status,
    startedAt: new Date(chat.startedAt).toISOString(),
    transcript: await transcriptOf(store, chat.id),
  };
}
