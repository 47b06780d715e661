import type { ChatMessage } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { CliError } from '../../errors.js';
import { clean, formatTime, print, readStdin } from '../../io.js';

export interface SendChatOptions {
  server?: string;
  json?: boolean;
}

/** The message text: the words joined by spaces, or all of standard input for a single `-`. */
export async function messageBody(words: string[]): Promise<string> {
  const body = words.length === 1 && words[0] === '-' ? await readStdin() : words.join(' ');
  if (body.trim() === '') throw new CliError('empty message: give the text, or - to read it from standard input', 2);
  return body;
}

/** Sends a message to the visitor of a chat you hold. */
export async function sendChatMessage(
  chatId: string,
  words: string[],
  o: SendChatOptions,
): Promise<{ message: ChatMessage }> {
  const body = await messageBody(words);
  const { client } = openSession(o.server);
  return { message: await client.sendChatMessage(chatId, body) };
}

export const formatChatSent = ({ message: m }: { message: ChatMessage }) =>
  `sent to ${clean(m.to?.name ?? 'the visitor')} at ${formatTime(m.sentAt)}`;

export async function run(chatId: string, words: string[], o: SendChatOptions): Promise<void> {
  print(await sendChatMessage(chatId, words, o), o.json, formatChatSent);
}
