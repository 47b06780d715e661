import type { PendingInvite } from '../../server/protocol/models.js';
import { fitted } from './agent-columns.js';
import { expiresIn } from './format.js';

/** A column of the admin screen's pending invites. */
export interface InviteColumn {
  title: string;
  width: number;
  cell(i: PendingInvite, nowMs: number): string;
}

/**
 * The invites' columns at this width, each as wide as its longest value up to a cap (like the
 * agents'); e-mail only when it fits, and the name narrowed when even the rest is too wide.
 */
export function inviteColumns(invites: PendingInvite[], width: number): InviteColumn[] {
  const username: InviteColumn = {
    title: '  USERNAME',
    width: fitted(
      '  USERNAME',
      invites.map((i) => `▸ ${i.username}`),
      34,
    ),
    cell: (i) => i.username,
  };
  const name: InviteColumn = {
    title: 'NAME',
    width: fitted(
      'NAME',
      invites.map((i) => i.name),
      40,
    ),
    cell: (i) => i.name,
  };
  const email: InviteColumn = {
    title: 'E-MAIL',
    width: fitted(
      'E-MAIL',
      invites.map((i) => i.email),
      40,
    ),
    cell: (i) => i.email,
  };
  const rest: InviteColumn[] = [
    {
      title: 'INVITED BY',
      width: fitted(
        'INVITED BY',
        invites.map((i) => i.invitedBy),
        20,
      ),
      cell: (i) => i.invitedBy,
    },
    { title: 'EXPIRES', width: 10, cell: (i, now) => expiresIn(i.expiresAt, now) },
  ];
  const total = (cs: InviteColumn[]) => cs.reduce((n, c) => n + c.width, 0);
  const all = [username, name, email, ...rest];
  if (total(all) <= width) return all;
  const noEmail = [username, name, ...rest];
  const over = total(noEmail) - width;
  if (over > 0) name.width = Math.max(6, name.width - over);
  return noEmail;
}
