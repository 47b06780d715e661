import { LIMITS } from '../../../server/protocol/limits.js';
import { openAnonymous } from '../../client/session.js';
import { CliError } from '../errors.js';
import { clean, print, readPassword, readStdin } from '../io.js';

export interface RegisterOptions {
  server?: string;
  token: string;
  passwordStdin?: boolean;
  json?: boolean;
}

export interface RegisterData {
  server: string;
  username: string;
  /** The command to run next. */
  next: string;
}

/**
 * `--token` takes the invite token, or the whole register link (`…/register#token=…`), which also
 * gives the server.
 */
export function parseInviteToken(value: string): { token: string; server?: string } {
  if (!/^https?:\/\//i.test(value)) return { token: value.trim() };
  const url = new URL(value);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) throw new CliError('the register link has no #token=…: paste the whole link from the e-mail', 2);
  return { token, server: url.origin + url.pathname.replace(/\/register\/?$/, '') };
}

async function choosePassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    const password = await readStdin();
    if (!password) throw new CliError('empty password', 2);
    return password;
  }
  const first = await readPassword(false, `Choose a password (at least ${LIMITS.passwordMin} characters): `);
  if (first.length < LIMITS.passwordMin)
    throw new CliError(`password must be at least ${LIMITS.passwordMin} characters`, 2);
  const second = await readPassword(false, 'Repeat the password: ');
  if (first !== second) throw new CliError('the two passwords differ', 2);
  return first;
}

/** Redeems an invite: creates the agent account with the chosen password. Nothing is stored locally. */
export async function register(o: RegisterOptions): Promise<RegisterData> {
  const invite = parseInviteToken(o.token);
  if (!invite.token) throw new CliError('empty --token', 2);
  const { client, server } = openAnonymous(o.server ?? invite.server);
  const password = await choosePassword(o.passwordStdin);
  const { username } = await client.register(invite.token, password);
  return { server, username, next: `switchboard login --server ${server} --username ${username}` };
}

export const formatRegister = (d: RegisterData) =>
  `registered ${clean(d.username)} on ${d.server}\nnext: ${clean(d.next)}`;

export async function run(o: RegisterOptions): Promise<void> {
  print(await register(o), o.json, formatRegister);
}
