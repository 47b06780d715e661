import type { PendingInvite } from '../../../../server/protocol/models.js';
import type { InviteResult } from '../../../client/http-client.js';
import { openSession } from '../../../client/session.js';
import { clean, formatTime, normalizeUsername, print } from '../../io.js';
import { formatInvite } from './invite.js';

type Options = { server?: string; json?: boolean };

/** `agents invites`: the invites not used yet and not expired. */
export async function listInvites(o: Options): Promise<{ invites: PendingInvite[] }> {
  return { invites: await openSession(o.server).client.listInvites() };
}

export const formatInvites = ({ invites }: { invites: PendingInvite[] }) =>
  invites.length === 0
    ? 'no pending invites'
    : invites
        .map(
          (i) =>
            `${clean(i.username)}\t${clean(i.name)} <${clean(i.email)}>\tinvited by ${clean(i.invitedBy)}` +
            `\texpires ${formatTime(i.expiresAt)}`,
        )
        .join('\n');

/** `agents revoke <username>`: the invite's link stops working and the username is free again. */
export async function revokeInvite(username: string, o: Options): Promise<{ revoked: string }> {
  const name = normalizeUsername(username);
  await openSession(o.server).client.revokeInvite(name);
  return { revoked: name };
}

/** `agents resend <username>`: a new link by e-mail; the old one stops working. */
export function resendInvite(username: string, o: Options): Promise<InviteResult> {
  return openSession(o.server).client.resendInvite(normalizeUsername(username));
}

export const runList = async (o: Options) => print(await listInvites(o), o.json, formatInvites);
export const runRevoke = async (username: string, o: Options) =>
  print(
    await revokeInvite(username, o),
    o.json,
    (d) => `revoked the invite of ${clean(d.revoked)}; its link no longer works`,
  );
export const runResend = async (username: string, o: Options) =>
  print(await resendInvite(username, o), o.json, (d) => `resent: ${formatInvite(d)}`);
