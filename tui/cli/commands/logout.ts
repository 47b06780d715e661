import { CLIENT_ENV, openConfigStore } from '../../client/config-store.js';
import { ApiError } from '../../client/errors.js';
import { HttpClient } from '../../client/http-client.js';
import { normalizeServer, resolveServer } from '../../client/session.js';
import { CliError } from '../errors.js';
import { print } from '../io.js';

export interface LogoutOptions {
  server?: string;
  json?: boolean;
}

export interface LogoutData {
  /** False when there was no session to end (already logged out). */
  loggedOut: boolean;
  server?: string;
  username?: string;
}

/** Ends the session on the server and forgets the token here. Already logged out is not an error. */
export async function logout(o: LogoutOptions): Promise<LogoutData> {
  const store = openConfigStore();
  const stored = store.read();
  const server = resolveServer(o.server, stored);
  const envToken = process.env[CLIENT_ENV.token] || undefined;
  const sameServer = stored.server && server === normalizeServer(stored.server);
  const storedHere = stored.token && sameServer ? stored.token : undefined;
  const token = envToken ?? storedHere;
  if (!server || !token) return { loggedOut: false, server };
  const forget = () => {
    if (!envToken) store.forgetToken();
  };
  try {
    await new HttpClient({ server, token }).logout();
  } catch (e) {
    // 401: the session had already ended on the server (expired, revoked, account deleted).
    if (!(e instanceof ApiError && e.status === 401)) {
      forget();
      throw new CliError(`${(e as Error).message}; the token was forgotten here, but the server was not told`);
    }
  }
  forget();
  return { loggedOut: true, server, username: envToken ? undefined : stored.username };
}

export const formatLogout = (d: LogoutData) =>
  d.loggedOut
    ? `logged out${d.username ? ` ${d.username}` : ''} from ${d.server}; you are offline`
    : 'already logged out';

export async function run(o: LogoutOptions): Promise<void> {
  print(await logout(o), o.json, formatLogout);
}
