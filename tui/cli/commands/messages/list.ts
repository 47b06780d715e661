import type { AgentMessage } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { clean, formatTime, print } from '../../io.js';

export interface ListMessagesOptions {
  server?: string;
  after?: string;
  with?: string;
  json?: boolean;
}

/** Messages sent or received by the caller, oldest first; `--with` keeps one conversation. */
export async function listMessages(o: ListMessagesOptions): Promise<{ messages: AgentMessage[] }> {
  const { client } = openSession(o.server);
  const all = await client.listAgentMessages(o.after);
  const other = o.with?.trim().toLowerCase();
  return { messages: other ? all.filter((m) => m.from === other || m.to === other) : all };
}

export const formatMessages = ({ messages }: { messages: AgentMessage[] }) =>
  messages.length === 0
    ? 'no messages'
    : messages
        .map(
          (m) =>
            `${formatTime(m.sentAt)}  ${clean(m.from)} → ${clean(m.to)}: ` +
            clean(m.body, true).replace(/\n/g, '\n    '),
        )
        .join('\n');

export async function run(o: ListMessagesOptions): Promise<void> {
  print(await listMessages(o), o.json, formatMessages);
}
