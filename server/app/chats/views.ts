import { chatFor } from '../../domain/chat-access.js';
import { messageView } from '../../domain/messages.js';
import type { ChatRecord, MessageRecord } from '../../domain/records.js';
import { AppError } from '../../protocol/errors.js';
import type { ChatHistory, OpenChat } from '../../protocol/events.js';
import type { ChatDetail, ChatMessage } from '../../protocol/models.js';
import type { ChatStore } from '../ports/chat-store.js';
import type { VisitorView } from '../../protocol/visitor-context.js';
import type { ChatCtx } from './context.js';
import { ratingView, visitorOf } from './visitors.js';
import { visibleToVisitor } from '../../domain/internal-notes.js';

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
  ctx: Pick<ChatCtx, 'deps' | 'store'>,
  username: string,
  since: Record<string, number> = {},
  held?: ChatRecord[],
) {
  const { store } = ctx;
  held ??= await store.chatsOf(username);
  const chats: OpenChat[] = await Promise.all(
    held.map(async (c) => ({
      chatId: c.id,
      visitor: await visitorOf(ctx, c),
      startedAt: new Date(c.startedAt).toISOString(),
      transcript: await transcriptOf(store, c.id, since[c.id] ?? 0),
      ...(since[c.id] ? { since: since[c.id] } : {}),
    })),
  );
  chats.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { chats };
}

/**
 * `chat:history` for a visitor: transcript, current agent, and (added) status, the place in the
 * queue and the agents who can take chats (`ahead`, `agentsOnline`, for a requeued chat) and whether
 * the agent is connected (`agentConnected`).
 */
export async function historyPayload(
  store: ChatStore,
  chatId: string,
  since = 0,
  isConnected?: (username: string) => Promise<boolean>,
  countOnline?: () => Promise<number>,
  estimate?: (ahead: number) => Promise<number | null>,
): Promise<ChatHistory> {
  const [chat, all] = await Promise.all([store.getChat(chatId), transcriptOf(store, chatId, since)]);
  // v2: internal notes never reach the visitor; its transcript keeps the gaps they leave in `seq`.
  const transcript = visibleToVisitor(all);
  const partial = since ? { since } : {};
  if (!chat || chat.status === 'ended') return { chatId, transcript, agent: null, status: 'ended', ...partial };
  const ahead = chat.status === 'queued' ? await store.aheadOf(chatId) : undefined;
  const online = chat.status === 'queued' && countOnline ? { agentsOnline: await countOnline() } : {};
  const wait = ahead !== undefined && estimate ? { estimatedWaitSeconds: await estimate(ahead) } : {};
  const agent = chat.agentName ? { name: chat.agentName } : null;
  const connected = chat.agentUsername && isConnected ? { agentConnected: await isConnected(chat.agentUsername) } : {};
  return {
    chatId,
    transcript,
    agent,
    status: chat.status,
    ...(ahead !== undefined ? { ahead } : {}),
    ...online,
    ...wait,
    ...connected,
    ...partial,
  };
}

const agentOf = (c: ChatRecord) =>
  c.agentUsername ? { username: c.agentUsername, name: c.agentName ?? c.agentUsername } : null;

/** Whether a staff member took part in an ended chat: held it last, or wrote or was written to in it. */
const tookPart = (username: string, chat: ChatRecord, transcript: MessageRecord[]) =>
  chat.agentUsername === username || transcript.some((m) => m.fromUsername === username || m.toUsername === username);

/**
 * GET /api/chats/:chatId: an open chat the agent holds, or an ended chat it took part in (admins:
 * any ended chat), with its whole transcript.
 */
export async function chatDetail(
  ctx: Pick<ChatCtx, 'deps' | 'store'>,
  who: { username: string; role: 'agent' | 'admin' },
  chatId: string,
) {
  const { store } = ctx;
  const found = await store.getChat(chatId);
  if (found?.status !== 'ended') {
    const chat = chatFor({ role: 'agent', username: who.username, name: '' }, chatId, found);
    return detail(chat, (await store.getTranscript(chat.id)).map(messageView), await visitorOf(ctx, chat));
  }
  const transcript = await store.getTranscript(chatId);
  if (who.role !== 'admin' && !tookPart(who.username, found, transcript)) {
    throw new AppError('forbidden', 'You took no part in this chat.');
  }
  const [visitor, rating] = await Promise.all([visitorOf(ctx, found), ctx.deps.visitorStore.ratingOf(chatId)]);
  return { ...detail(found, transcript.map(messageView), visitor), ...(rating ? { rating: ratingView(rating) } : {}) };
}

function detail(c: ChatRecord, transcript: ChatMessage[], visitor: VisitorView): ChatDetail {
  const ended =
    c.status === 'ended'
      ? { endedAt: new Date(c.endedAt ?? c.startedAt).toISOString(), endedBy: c.endedBy ?? 'system' }
      : {};
  return {
    chatId: c.id,
    visitor,
    agent: agentOf(c),
    status: c.status,
    startedAt: new Date(c.startedAt).toISOString(),
    ...ended,
    transcript,
  };
}
