import { openSession } from '../../../client/session.js';
import { clean, print } from '../../io.js';

export interface EndChatOptions {
  server?: string;
  json?: boolean;
}

/** Ends a chat you hold, for good (the visitor is told). */
export async function endChat(chatId: string, o: EndChatOptions): Promise<{ chatId: string; ended: true }> {
  const { client } = openSession(o.server);
  await client.endChat(chatId);
  return { chatId, ended: true };
}

export const formatEnded = (d: { chatId: string }) => `ended chat ${clean(d.chatId)}`;

export async function run(chatId: string, o: EndChatOptions): Promise<void> {
  print(await endChat(chatId, o), o.json, formatEnded);
}
