import type { AgentView } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { print, table } from '../../io.js';

export interface ListOptions {
  server?: string;
  json?: boolean;
}

export async function listAgents(o: ListOptions): Promise<{ agents: AgentView[] }> {
  const { client } = openSession(o.server);
  return { agents: await client.listAgents() };
}

export const formatAgents = ({ agents }: { agents: AgentView[] }) =>
  agents.length === 0
    ? 'no accounts yet: invite agents with switchboard agents invite'
    : table(
        ['USERNAME', 'NAME', 'ROLE', 'STATUS', 'CONNECTED', 'CHATS', 'EMAIL'],
        agents.map((a) => [
          a.username,
          a.name,
          a.role,
          a.status,
          a.connected ? 'yes' : 'no',
          `${a.openChats}/${a.maxChats}`,
          a.email ?? '-',
        ]),
      );

export async function run(o: ListOptions): Promise<void> {
  print(await listAgents(o), o.json, formatAgents);
}
