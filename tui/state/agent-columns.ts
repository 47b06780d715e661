import stringWidth from 'string-width';
import type { AgentView } from '../../server/protocol/models.js';
import { load, presence } from './format.js';

/** A column of the admin screen's agent table. */
export interface AgentColumn {
  title: string;
  width: number;
  cell(a: AgentView): { text: string; color?: string };
}

const GAP = 2;
/** A column as wide as its title or widest value (up to `cap`), plus the gap; shared by the admin tables. */
export const fitted = (title: string, values: string[], cap: number) =>
  Math.min(cap, Math.max(stringWidth(title), ...values.map((v) => stringWidth(v)))) + GAP;

/**
 * The table's columns at this width: each as wide as its longest value (names and e-mails up to a
 * cap), so that at 200 columns they stay together rather than spread out; e-mail only when it
 * fits, and the name narrowed when even the rest is too wide.
 */
export function agentColumns(agents: AgentView[], width: number): AgentColumn[] {
  const username: AgentColumn = {
    title: '  USERNAME',
    width: fitted(
      '  USERNAME',
      agents.map((a) => `▸ ${a.username}`),
      34,
    ),
    cell: (a) => ({ text: a.username }),
  };
  const name: AgentColumn = {
    title: 'NAME',
    width: fitted(
      'NAME',
      agents.map((a) => a.name),
      40,
    ),
    cell: (a) => ({ text: a.name }),
  };
  const email: AgentColumn = {
    title: 'E-MAIL',
    width: fitted(
      'E-MAIL',
      agents.map((a) => a.email ?? ''),
      40,
    ),
    cell: (a) => ({ text: a.email ?? '' }),
  };
  const rest: AgentColumn[] = [
    {
      title: 'STATUS',
      width: 11,
      cell: (a) => {
        const p = presence(a.status, a.connected);
        return { text: `${p.dot} ${a.status}`, color: p.color };
      },
    },
    { title: 'LIVE', width: 6, cell: (a) => ({ text: a.connected ? 'yes' : 'no' }) },
    { title: 'CHATS', width: 7, cell: (a) => ({ text: load(a.openChats, a.maxChats) }) },
    { title: 'ROLE', width: 6, cell: (a) => ({ text: a.role }) },
  ];
  const total = (cs: AgentColumn[]) => cs.reduce((n, c) => n + c.width, 0);
  const all = [username, name, email, ...rest];
  if (total(all) <= width) return all;
  const noEmail = [username, name, ...rest];
  const over = total(noEmail) - width;
  if (over > 0) name.width = Math.max(6, name.width - over);
  return noEmail;
}
