import { ClientError } from './errors.js';
import { CLIENT_ENV, openConfigStore, type ConfigStore, type StoredConfig } from './config-store.js';
import { HttpClient } from './http-client.js';

/** A checked server URL: http(s), no credentials, query or fragment, no trailing slash. */
export function normalizeServer(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ClientError(`invalid server URL "${raw}" (expected e.g. http://127.0.0.1:3000)`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ClientError(`invalid server URL "${raw}": use http:// or https://`, 2);
  if (url.username || url.password || url.search || url.hash)
    throw new ClientError(`invalid server URL "${raw}": give only scheme, host, port and path`, 2);
  return url.href.replace(/\/+$/, '');
}

/** The server to talk to: the --server flag, else SWITCHBOARD_SERVER, else the one remembered by login. */
export function resolveServer(
  flag: string | undefined,
  stored: StoredConfig,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const raw = flag ?? (env[CLIENT_ENV.server] || undefined) ?? stored.server;
  return raw === undefined ? undefined : normalizeServer(raw);
}

export interface Session {
  client: HttpClient;
  server: string;
  /** Username remembered with the token (unknown when the token came from SWITCHBOARD_TOKEN). */
  username?: string;
  store: ConfigStore;
  tokenFrom: 'env' | 'config';
}

const NOT_LOGGED_IN = 'not logged in: run switchboard login';

/**
 * A client with the staff token: SWITCHBOARD_TOKEN, else the token remembered by login. The remembered
 * token is only sent to the server it was issued by, never to another --server.
 */
export function openSession(serverFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): Session {
  const store = openConfigStore(env);
  const stored = store.read();
  const server = resolveServer(serverFlag, stored, env);
  const envToken = env[CLIENT_ENV.token] || undefined;
  if (!server)
    throw envToken
      ? new ClientError(`no server: give --server URL or set ${CLIENT_ENV.server}`, 2)
      : new ClientError(NOT_LOGGED_IN);
  if (envToken) return { client: new HttpClient({ server, token: envToken }), server, store, tokenFrom: 'env' };
  if (!stored.token) throw new ClientError(NOT_LOGGED_IN);
  if (!stored.server || normalizeServer(stored.server) !== server) {
    throw new ClientError(`not logged in to ${server}: run switchboard login --server ${server}`);
  }
  return {
    client: new HttpClient({ server, token: stored.token }),
    server,
    username: stored.username,
    store,
    tokenFrom: 'config',
  };
}

/** A client without a token (login, register). */
export function openAnonymous(
  serverFlag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { client: HttpClient; server: string; store: ConfigStore; stored: StoredConfig } {
  const store = openConfigStore(env);
  const stored = store.read();
  const server = resolveServer(serverFlag, stored, env);
  if (!server) throw new ClientError('no server: give --server URL (e.g. --server http://127.0.0.1:3000)', 2);
  return { client: new HttpClient({ server }), server, store, stored };
}
