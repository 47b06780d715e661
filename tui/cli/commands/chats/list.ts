import type { ChatMessage } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { formatTime, print, table } from '../../io.js';
import { age } from './format.js';

export interface ListChatsOptions {
  server?: string;
  json?: boolean;
}

/** One open chat without its transcript: how many messages, and the last one (null before the first). */
export interface ChatSummary {
  chatId: string;
  visitor: { name: string };
  startedAt: string;
  messages: number;
  lastMessage: ChatMessage | null;
}

/** The chats you hold now, oldest first. */
export async function listChats(o: ListChatsOptions): Promise<{ chats: ChatSummary[] }> {
  const { client } = openSession(o.server);
  const chats = await client.listChats();
  return {
    chats: chats.map((c) => ({
      chatId: c.chatId,
      visitor: c.visitor,
      startedAt: c.startedAt,
      messages: c.transcript.length,
      lastMessage: c.transcript[c.transcript.length - 1] ?? null,
    })),
  };
}

export const formatChats = ({ chats }: { chats: ChatSummary[] }, now = Date.now()) =>
  chats.length === 0
    ? 'no open chats'
    : table(
        ['CHAT', 'VISITOR', 'STARTED', 'MESSAGES', 'LAST MESSAGE'],
        chats.map((c) => [
          c.chatId,
          c.visitor.name,
          formatTime(c.startedAt),
          String(c.messages),
          c.lastMessage ? age(c.lastMessage.sentAt, now) : '-',
        ]),
      );

export async function run(o: ListChatsOptions): Promise<void> {
  print(await listChats(o), o.json, (d) => formatChats(d));
}
