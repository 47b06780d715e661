import { holdsAny, searchWords, snippetOf } from '../domain/search-text.js';
import {
  encodeCursor,
  HISTORY_LIMIT_DEFAULT,
  HISTORY_QUERY_WORDS_MAX,
  type HistoryEntry,
  type HistoryPage,
  type HistoryQuery,
} from '../protocol/history.js';
import type { AppDeps, Principal } from './deps.js';
import { ratingView, visitorOf } from './chats/visitors.js';
import type { HistoryStore } from './ports/history.js';

/**
 * GET /api/chats/history (contract v2): ended chats, newest end first, searched and filtered. Agents
 * see the chats they took part in (as GET /api/chats/:chatId), admins every chat. A page holds one
 * chat more than asked when it can: that one is not shown, but says there is a next page.
 */
export async function chatHistory(
  deps: AppDeps,
  who: Pick<Principal, 'username' | 'role'>,
  query: HistoryQuery,
): Promise<HistoryPage> {
  const limit = query.limit ?? HISTORY_LIMIT_DEFAULT;
  const words = query.q === undefined ? [] : searchWords(query.q, HISTORY_QUERY_WORDS_MAX);
  const rows = await deps.history.searchChats({
    ...(who.role === 'admin' ? {} : { viewer: who.username }),
    ...(query.agent !== undefined ? { agent: query.agent } : {}),
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
    ...(query.before !== undefined ? { before: query.before } : {}),
    ...(words.length ? { words } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const chats = await Promise.all(
    page.map(async ({ chat, messageCount, rating }): Promise<HistoryEntry> => {
      const snippet = words.length ? await snippetIn(deps.history, chat.id, words) : undefined;
      return {
        chatId: chat.id,
        visitor: await visitorOf({ deps }, chat),
        agent: chat.agentUsername ? { username: chat.agentUsername, name: chat.agentName ?? chat.agentUsername } : null,
        startedAt: new Date(chat.startedAt).toISOString(),
        endedAt: new Date(chat.endedAt ?? chat.startedAt).toISOString(),
        messageCount,
        ...(rating ? { rating: ratingView(rating) } : {}),
        ...(snippet !== undefined ? { snippet } : {}),
      };
    }),
  );
  const last = page.at(-1);
  return { chats, ...(rows.length > limit && last ? { next: encodeCursor(last.seq) } : {}) };
}

/** The text around the first hit, in the first message with one; none when only the visitor's name has one. */
async function snippetIn(history: HistoryStore, chatId: string, words: string[]): Promise<string | undefined> {
  const body = (await history.bodiesOf(chatId)).find((b) => holdsAny(b, words));
  return body === undefined ? undefined : snippetOf(body, words);
}
