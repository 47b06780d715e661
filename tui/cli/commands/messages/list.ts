import type { AgentMessage } from '../../../../server/protocol/models.js';
import { openSession } from '../../../client/session.js';
import { clean, formatTime, print } from '../../io.js';

export interface ListMessagesOptions {
  server?: string;
  after?: string;
  with?: string;
  markRead?: boolean;
  json?: boolean;
}

export interface MessageList {
  messages: (AgentMessage & { unread: boolean })[];
  /** The read marker after this command (`--mark-read` moves it to the last message received). */
  readUpTo: string | null;
  /** Received messages after the marker. */
  unread: number;
}

/**
 * Messages sent or received by the caller, oldest first; `--with` keeps one conversation. Those
 * received after the caller's read marker (kept by the server) are unread; `--mark-read` reads them.
 */
export async function listMessages(o: ListMessagesOptions): Promise<MessageList> {
  const { client } = openSession(o.server);
  const [all, before, me] = await Promise.all([
    client.listAgentMessages(o.after),
    client.agentMessagesReadState(),
    client.me().then((m) => m.username),
  ]);
  // Unread: received after the marker (a marker older than `--after` lies before every listed message).
  const firstUnread = all.findIndex((m) => m.id === before.readUpTo) + 1;
  const isUnread = (m: AgentMessage, i: number) => m.to === me && i >= firstUnread;
  const other = o.with?.trim().toLowerCase();
  const messages = all
    .map((m, i) => ({ ...m, unread: isUnread(m, i) }))
    .filter((m) => !other || m.from === other || m.to === other);
  const lastReceived = [...all].reverse().find((m) => m.to === me);
  const after = o.markRead && lastReceived ? await client.markAgentMessagesRead(lastReceived.id) : before;
  return { messages, readUpTo: after.readUpTo, unread: after.unread };
}

export const formatMessages = ({ messages, unread }: MessageList) =>
  messages.length === 0
    ? 'no messages'
    : [
        ...messages.map(
          (m) =>
            `${m.unread ? '● ' : '  '}${formatTime(m.sentAt)}  ${clean(m.from)} → ${clean(m.to)}: ` +
            clean(m.body, true).replace(/\n/g, '\n      '),
        ),
        unread ? `${unread} unread (● marks them; --mark-read reads them)` : 'all read',
      ].join('\n');

export async function run(o: ListMessagesOptions): Promise<void> {
  print(await listMessages(o), o.json, formatMessages);
}
