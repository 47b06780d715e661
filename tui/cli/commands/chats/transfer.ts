import { openSession } from '../../../client/session.js';
import { clean, print } from '../../io.js';

export interface TransferChatOptions {
  server?: string;
  json?: boolean;
}

/** Hands a chat you hold to another agent (online, connected, with room); it bypasses the queue. */
export async function transferChat(
  chatId: string,
  to: string,
  o: TransferChatOptions,
): Promise<{ chatId: string; to: string }> {
  const target = to.trim().toLowerCase();
  const { client } = openSession(o.server);
  await client.transferChat(chatId, target);
  return { chatId, to: target };
}

export const formatTransferred = (d: { chatId: string; to: string }) =>
  `transferred chat ${clean(d.chatId)} to ${clean(d.to)}`;

export async function run(chatId: string, to: string, o: TransferChatOptions): Promise<void> {
  print(await transferChat(chatId, to, o), o.json, formatTransferred);
}
