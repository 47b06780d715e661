import type { AgentMessage } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { clean, formatTime, normalizeUsername, print } from '../../io.js';

export interface SendOptions {
  server?: string;
  json?: boolean;
}

/** Sends an agent-to-agent message; it waits for the recipient if they are offline. */
export async function sendMessage(to: string, words: string[], o: SendOptions): Promise<{ message: AgentMessage }> {
  const { client } = openSession(o.server);
  return { message: await client.sendAgentMessage(normalizeUsername(to), words.join(' ')) };
}

export const formatSent = ({ message: m }: { message: AgentMessage }) =>
  `sent to ${clean(m.to)} at ${formatTime(m.sentAt)}`;

export async function run(to: string, words: string[], o: SendOptions): Promise<void> {
  print(await sendMessage(to, words, o), o.json, formatSent);
}
