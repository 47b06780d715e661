import type { ChatMessage } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { formatTime, print } from '../../io.js';
import { messageBody } from './send.js';

export interface NoteChatOptions {
  server?: string;
  json?: boolean;
}

/** Writes an internal note into a chat you hold: agents see it, the visitor never does. */
export async function addChatNote(
  chatId: string,
  words: string[],
  o: NoteChatOptions,
): Promise<{ message: ChatMessage }> {
  const body = await messageBody(words);
  const { client } = openSession(o.server);
  return client.request<{ message: ChatMessage }>('POST', `/api/chats/${encodeURIComponent(chatId)}/notes`, { body });
}

export const formatNoteAdded = ({ message: m }: { message: ChatMessage }) =>
  `note added at ${formatTime(m.sentAt)} (agents only; the visitor does not see it)`;

export async function run(chatId: string, words: string[], o: NoteChatOptions): Promise<void> {
  print(await addChatNote(chatId, words, o), o.json, formatNoteAdded);
}
