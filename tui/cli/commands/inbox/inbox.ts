import type { OfflineMessage, OfflineMessageStatus } from '../../../../server/protocol/offline-messages.js';
import { inboxClient } from '../../../client/inbox-client.js';
import { openSession } from '../../../client/session.js';
import { clean, formatTime, print, table } from '../../io.js';
import { messageBody } from '../chats/send.js';

/** `switchboard inbox …`: messages visitors left while nobody could chat (contract v2). */

export interface InboxOptions {
  server?: string;
  json?: boolean;
  status?: OfflineMessageStatus | 'all';
}

const inbox = (o: InboxOptions) => inboxClient(openSession(o.server).client);

/** The first line of a text, at most `max` characters. */
const firstLine = (s: string, max = 50) => {
  const line = clean(s.split('\n')[0] ?? '');
  return [...line].length > max ? `${[...line].slice(0, max - 1).join('')}…` : line;
};

export async function listInbox(o: InboxOptions): Promise<{ messages: OfflineMessage[] }> {
  return { messages: await inbox(o).list(o.status ?? 'open') };
}

export const formatInbox = ({ messages }: { messages: OfflineMessage[] }, status = 'open') =>
  messages.length === 0
    ? `no ${status === 'all' ? '' : `${status} `}messages`
    : table(
        ['ID', 'FROM', 'EMAIL', 'LEFT', 'STATUS', 'MESSAGE'],
        messages.map((m) => [m.id, m.name, m.email, formatTime(m.createdAt), m.status, firstLine(m.body)]),
      );

const quote = (s: string) =>
  s
    .split('\n')
    .map((l) => `  ${clean(l)}`)
    .join('\n');

export const formatMessage = (m: OfflineMessage) =>
  [
    `message ${clean(m.id)} from ${clean(m.name)} <${clean(m.email)}>, left ${formatTime(m.createdAt)}, ${m.status}`,
    ...(m.page?.url ? [`page: ${clean(m.page.url)}${m.page.title ? ` (${clean(m.page.title)})` : ''}`] : []),
    quote(m.body),
    ...m.replies.flatMap((r) => [
      `reply by ${clean(r.by.name)} (${clean(r.by.username)}) at ${formatTime(r.sentAt)}:`,
      quote(r.body),
    ]),
  ].join('\n');

export async function runList(o: InboxOptions): Promise<void> {
  print(await listInbox(o), o.json, (d) => formatInbox(d, o.status));
}

export async function runShow(id: string, o: InboxOptions): Promise<void> {
  print({ message: await inbox(o).get(id) }, o.json, (d) => formatMessage(d.message));
}

export async function runReply(id: string, words: string[], o: InboxOptions): Promise<void> {
  const body = await messageBody(words);
  const message = await inbox(o).reply(id, body);
  print({ message }, o.json, (d) => `replied to ${clean(d.message.name)} <${clean(d.message.email)}> by e-mail`);
}

export async function runClose(id: string, o: InboxOptions): Promise<void> {
  await inbox(o).close(id);
  print({ id, closed: true }, o.json, () => `closed message ${clean(id)}`);
}
