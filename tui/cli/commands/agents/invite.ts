import type { InviteResult } from '../../../client/http-client.js';
import { openSession } from '../../../client/session.js';
import { clean, formatTime, normalizeUsername, print } from '../../io.js';

export interface InviteOptions {
  server?: string;
  name: string;
  email: string;
  json?: boolean;
}

/** Invites an agent: the server mails the register link (SMTP, or its outbox folder). */
export async function invite(username: string, o: InviteOptions): Promise<InviteResult> {
  const { client } = openSession(o.server);
  return client.invite({ username: normalizeUsername(username), name: o.name, email: o.email });
}

const DELIVERY = {
  smtp: 'e-mail sent by SMTP',
  outbox: "e-mail written to the server's outbox folder (no SMTP configured): pass the link on yourself",
} as const;

export const formatInvite = (d: InviteResult) =>
  [
    `invited ${clean(d.username)} <${clean(d.email)}>; the invitation expires ${formatTime(d.expiresAt)}`,
    `register link: ${clean(d.registerUrl)}`,
    d.delivery ? DELIVERY[d.delivery] : 'e-mail sent',
  ].join('\n');

export async function run(username: string, o: InviteOptions): Promise<void> {
  print(await invite(username, o), o.json, formatInvite);
}
