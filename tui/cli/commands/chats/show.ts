import { openSession } from '../../../client/session.js';
import type { ChatDetail } from '../../../client/http-client.js';
import { clean, formatTime, print } from '../../io.js';
import { messageText } from './format.js';
import { visitorLines } from './visitor-lines.js';

export interface ShowChatOptions {
  server?: string;
  json?: boolean;
}

/** One chat you hold, or an ended one you took part in, with its visitor's context and its whole transcript. */
export async function showChat(chatId: string, o: ShowChatOptions): Promise<ChatDetail> {
  const { client } = openSession(o.server);
  return client.getChat(chatId);
}

const INDENT = ' '.repeat('YYYY-MM-DD HH:MM  '.length);

export const formatChat = (c: ChatDetail) =>
  [
    `chat ${clean(c.chatId)} with ${clean(c.visitor.name)}, started ${formatTime(c.startedAt)}` +
      (c.status === 'queued' ? ' (waiting in the queue)' : '') +
      (c.endedAt ? `, ended ${formatTime(c.endedAt)} by ${c.endedBy}` : ''),
    ...visitorLines(c),
    ...(c.transcript.length === 0
      ? ['(no messages yet)']
      : c.transcript.map((m) => `${formatTime(m.sentAt)}  ${messageText(m, INDENT)}`)),
  ].join('\n');

export async function run(chatId: string, o: ShowChatOptions): Promise<void> {
  print(await showChat(chatId, o), o.json, formatChat);
}
