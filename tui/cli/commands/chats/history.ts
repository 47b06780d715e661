import { historyClient, type HistoryPage, type HistorySearch } from '../../../client/history-client.js';
import { openSession } from '../../../client/session.js';
import { CliError } from '../../errors.js';
import { clean, formatTime, print, table } from '../../io.js';

export interface HistoryOptions {
  server?: string;
  json?: boolean;
  q?: string;
  agent?: string;
  from?: string;
  to?: string;
  limit?: string;
  before?: string;
}

const SNIPPET_WIDTH = 60;

/** Ended chats you took part in (admins: all), newest first; `--q` searches messages and visitors' names. */
export async function chatHistory(o: HistoryOptions): Promise<HistoryPage> {
  const { client } = openSession(o.server);
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  if (limit !== undefined && !Number.isInteger(limit)) throw new CliError('--limit must be a whole number', 2);
  const search: HistorySearch = { q: o.q, agent: o.agent, from: o.from, to: o.to, limit, before: o.before };
  return historyClient(client).search(search);
}

/** A value as one shell word (quoted when it needs to be). */
const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that prints the next page: the same options, and --before. */
export function nextCommand(o: HistoryOptions, next: string): string {
  const args = ['switchboard', 'chats', 'history'];
  for (const key of ['q', 'agent', 'from', 'to', 'limit', 'server'] as const) {
    const v = o[key];
    if (v !== undefined) args.push(`--${key}`, shellWord(v));
  }
  args.push('--before', shellWord(next));
  return args.join(' ');
}

const cut = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

export function formatHistory(page: HistoryPage, o: HistoryOptions = {}): string {
  if (page.chats.length === 0) return o.before ? 'no more chats' : o.q ? 'no chats match' : 'no ended chats';
  // The snippet column only for a search (a chat found by its visitor name has none: '-').
  const snippets = o.q !== undefined && page.chats.some((c) => c.snippet !== undefined);
  const rows = page.chats.map((c) => [
    c.chatId,
    formatTime(c.endedAt),
    c.visitor.name,
    c.agent ? c.agent.name : '-',
    String(c.messageCount),
    c.rating ? `${c.rating.score}/5` : '-',
    ...(snippets ? [c.snippet === undefined ? '-' : cut(clean(c.snippet), SNIPPET_WIDTH)] : []),
  ]);
  const header = ['CHAT', 'ENDED', 'VISITOR', 'AGENT', 'MESSAGES', 'RATING', ...(snippets ? ['SNIPPET'] : [])];
  const lines = [table(header, rows)];
  if (page.next) lines.push(`more: ${nextCommand(o, page.next)}`);
  return lines.join('\n');
}

export async function run(o: HistoryOptions): Promise<void> {
  print(await chatHistory(o), o.json, (d) => formatHistory(d, o));
}
