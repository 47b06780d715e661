import type { AgentView } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { CliError } from '../../errors.js';
import { clean, normalizeUsername, print } from '../../io.js';

export interface SetMaxChatsOptions {
  server?: string;
  json?: boolean;
}

/** Sets how many open chats an agent may hold. A lower number never drops a chat; it only stops new ones. */
export async function setMaxChats(username: string, n: string, o: SetMaxChatsOptions): Promise<AgentView> {
  if (!/^\d{1,6}$/.test(n.trim())) throw new CliError(`max chats must be a whole number, not "${n}"`, 2);
  const { client } = openSession(o.server);
  return client.updateAgent(normalizeUsername(username), { maxChats: Number(n) });
}

export const formatMaxChats = (a: AgentView) =>
  `${clean(a.username)} may now hold ${a.maxChats} open chat${a.maxChats === 1 ? '' : 's'} (${a.openChats} open now)`;

export async function run(username: string, n: string, o: SetMaxChatsOptions): Promise<void> {
  print(await setMaxChats(username, n, o), o.json, formatMaxChats);
}
