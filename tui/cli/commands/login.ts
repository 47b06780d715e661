import type { StaffUser } from '../../../server/protocol/models.js';
import { openAnonymous } from '../../client/session.js';
import { CliError } from '../errors.js';
import { clean, isInteractive, normalizeUsername, print, promptLine, readPassword } from '../io.js';

export interface LoginOptions {
  server?: string;
  username?: string;
  passwordStdin?: boolean;
  json?: boolean;
  printToken?: boolean;
}

export interface LoginData {
  server: string;
  user: StaffUser;
  /** Where the token was saved. */
  configFile: string;
}

/** Logs in and remembers server, username and token (never the password). */
export async function login(o: LoginOptions): Promise<LoginData & { token: string }> {
  const { client, server, store, stored } = openAnonymous(o.server);
  const remembered = stored.server === server ? stored.username : undefined;
  let username = o.username && normalizeUsername(o.username);
  if (!username && !o.passwordStdin && isInteractive()) {
    username =
      normalizeUsername(await promptLine(remembered ? `Username [${remembered}]: ` : 'Username: ')) || remembered;
  }
  username ||= remembered;
  if (!username) throw new CliError('give --username (no terminal to ask on)', 2);
  const password = await readPassword(o.passwordStdin, `Password for ${username}: `);
  const { token, user } = await client.login(username, password);
  store.write({ server, username: user.username, token });
  return { server, user, configFile: store.path, token };
}

export const formatLogin = (d: LoginData) =>
  `logged in as ${clean(d.user.username)} (${clean(d.user.name)}, ${d.user.role}) on ${d.server}; you are online`;

export async function run(o: LoginOptions): Promise<void> {
  const { token, ...data } = await login(o);
  if (o.printToken) process.stdout.write(`${token}\n`);
  else print(data, o.json, formatLogin);
}
