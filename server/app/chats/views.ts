import { chatFor, messageView } from '../../domain/chat-rules.js';
import type { ChatMessage } from '../../protocol/models.js';
import type { ChatCtx } from './state.js';

export const transcriptOf = async (ctx: ChatCtx, chatId: string, afterSeq = 0): Promise<ChatMessage[]> =>
  (await ctx.deps.store.getTranscript(chatId, afterSeq)).map(messageView);

/** `chats:open` for an agent: every chat it holds, with transcripts. */
export async function openChatsPayload(ctx: ChatCtx, username: string, since: Record<string, number> = {}) {
  const chats = await Promise.all(
    ctx.book.chatsOf(username).map(async (c) => ({
      chatId: c.id,
      visitor: { name: c.visitorName },
      startedAt: new Date(c.startedAt).toISOString(),
      transcript: await transcriptOf(ctx, c.id, since[c.id] ?? 0),
      // Added: the transcript holds only messages after this number (the client's `since`).
      ...(since[c.id] ? { since: since[c.id] } : {}),
    })),
  );
  chats.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { chats };
}

/** A requeued chat waits in the queue under its own id. `chat:history` for a visitor: transcript, current agent, and (added) status and place in the queue. */
export async function historyPayload(ctx: ChatCtx, chatId: string, since = 0) {
  const live = ctx.book.get(chatId);
  const transcript = await transcriptOf(ctx, chatId, since);
  const partial = since ? { since } : {};
  if (!live) return { chatId, transcript, agent: null, status: 'ended' as const, ...partial };
  const ahead = live.status === 'queued' ? ctx.queue.ahead(live.id) : undefined;
  return { chatId, transcript, agent: live.agent ? { name: live.agent.name } : null, status: live.status, ...(ahead !== undefined ? { ahead } : {}), ...partial };
}

/** One chat the agent holds, with its transcript (GET /api/chats/:chatId). */
export async function chatDetail(ctx: ChatCtx, username: string, chatId: string) {
  const chat = chatFor({ role: 'agent', username, name: '' }, chatId, ctx.book.get(chatId), false);
  return {
    chatId: chat.id,
    visitor: { name: chat.visitorName },
    agent: chat.agent,
    status: chat.status,
    startedAt: new Date(chat.startedAt).toISOString(),
    transcript: await transcriptOf(ctx, chat.id),
  };
}
