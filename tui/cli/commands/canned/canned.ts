import type { Canned, CannedScope } from '../../../../server/protocol/canned.js';
import { cannedClient, type CannedClient } from '../../../client/canned-client.js';
import { openSession } from '../../../client/session.js';
import { CliError } from '../../errors.js';
import { clean, print, table } from '../../io.js';
import { messageBody } from '../chats/send.js';

/** `switchboard canned …`: canned replies, the team's (admins write them) and your own. */

export interface CannedOptions {
  server?: string;
  json?: boolean;
  /** The team's reply rather than your own (add, edit, rm). */
  team?: boolean;
  rename?: string;
}

const client = (o: CannedOptions): CannedClient => cannedClient(openSession(o.server).client);
const scopeOf = (o: CannedOptions): CannedScope => (o.team ? 'team' : 'personal');

/** The first line of a text, at most `max` characters. */
const firstLine = (s: string, max = 60) => {
  const line = clean(s.split('\n')[0] ?? '');
  return [...line].length > max ? `${[...line].slice(0, max - 1).join('')}…` : line;
};

/** A reply named by id, or by shortcut (your own unless --team). */
export async function findCanned(api: CannedClient, key: string, o: CannedOptions): Promise<Canned> {
  const all = await api.list();
  const found =
    all.find((c) => c.id === key) ?? all.find((c) => c.shortcut === key.replace(/^\//, '') && c.scope === scopeOf(o));
  if (!found) {
    const other = all.find((c) => c.shortcut === key.replace(/^\//, ''));
    const hint = other ? ` (there is a ${other.scope} one: ${other.scope === 'team' ? 'add' : 'drop'} --team)` : '';
    throw new CliError(`no ${scopeOf(o)} canned reply /${key.replace(/^\//, '')}${hint}`, 1);
  }
  return found;
}

export const formatCannedList = ({ canned }: { canned: Canned[] }) =>
  canned.length === 0
    ? 'no canned replies (add one: switchboard canned add <shortcut> <text>)'
    : table(
        ['SHORTCUT', 'SCOPE', 'ID', 'TEXT'],
        canned.map((c) => [`/${c.shortcut}`, c.scope, c.id, firstLine(c.body)]),
      );

const formatOne = (verb: string) => (d: { canned: Canned }) =>
  `${verb} ${d.canned.scope} reply /${clean(d.canned.shortcut)}`;

export async function runList(o: CannedOptions): Promise<void> {
  print({ canned: await client(o).list() }, o.json, formatCannedList);
}

export async function runAdd(shortcut: string, words: string[], o: CannedOptions): Promise<void> {
  const body = await messageBody(words);
  const canned = await client(o).add({ shortcut: shortcut.replace(/^\//, ''), body, scope: scopeOf(o) });
  print({ canned }, o.json, formatOne('added'));
}

export async function runEdit(key: string, words: string[], o: CannedOptions): Promise<void> {
  if (words.length === 0 && !o.rename) throw new CliError('give the new text, or --rename <shortcut>', 2);
  const api = client(o);
  const { id } = await findCanned(api, key, o);
  const body = words.length ? await messageBody(words) : undefined;
  const canned = await api.edit(id, { ...(body ? { body } : {}), ...(o.rename ? { shortcut: o.rename } : {}) });
  print({ canned }, o.json, formatOne('changed'));
}

export async function runRemove(key: string, o: CannedOptions): Promise<void> {
  const api = client(o);
  const canned = await findCanned(api, key, o);
  await api.remove(canned.id);
  print({ canned }, o.json, formatOne('deleted'));
}
