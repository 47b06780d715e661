import type { Canned } from '../../server/protocol/canned.js';

/**
 * Canned replies in the composer: `/` + the start of a shortcut, then Tab, puts the reply's text in
 * the composer with its placeholders filled in, to edit before Enter.
 */

/** The shortcut typed so far when the composer holds only `/…` (no spaces), else undefined. */
export function cannedQuery(text: string): string | undefined {
  const m = /^\/([a-z0-9_-]*)$/.exec(text);
  return m ? m[1] : undefined;
}

/**
 * The replies whose shortcut starts with `prefix`: an exact match first, then by shortcut; of a
 * shortcut that is both the team's and one's own, one's own only.
 */
export function cannedMatches(list: readonly Canned[], prefix: string): Canned[] {
  const byShortcut = new Map<string, Canned>();
  for (const c of list) {
    if (!c.shortcut.startsWith(prefix)) continue;
    const had = byShortcut.get(c.shortcut);
    if (!had || (had.scope === 'team' && c.scope === 'personal')) byShortcut.set(c.shortcut, c);
  }
  return [...byShortcut.values()].sort((a, b) =>
    a.shortcut === prefix ? -1 : b.shortcut === prefix ? 1 : a.shortcut < b.shortcut ? -1 : 1,
  );
}

export interface Placeholders {
  visitorName: string;
  agentName: string;
}

/** `{visitor.name}` and `{agent.name}` filled in; any other braces stay as written. */
export const fillPlaceholders = (body: string, p: Placeholders): string =>
  body.replace(/\{visitor\.name\}/g, () => p.visitorName).replace(/\{agent\.name\}/g, () => p.agentName);

export type Completion =
  /** The text to put in the composer. */
  | { kind: 'text'; text: string }
  /** Several replies start so: the user types more (the list is shown). */
  | { kind: 'several'; shortcuts: string[] }
  | { kind: 'none'; prefix: string };

/** What Tab does to `/prefix`: the one reply (or the exact one), else what to say. */
export function completeCanned(list: readonly Canned[], prefix: string, p: Placeholders): Completion {
  const found = cannedMatches(list, prefix);
  const exact = found[0]?.shortcut === prefix ? found[0] : undefined;
  const one = exact ?? (found.length === 1 ? found[0] : undefined);
  if (one) return { kind: 'text', text: fillPlaceholders(one.body, p) };
  if (found.length === 0) return { kind: 'none', prefix };
  return { kind: 'several', shortcuts: found.map((c) => c.shortcut) };
}
