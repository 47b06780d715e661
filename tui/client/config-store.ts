import Conf from 'conf';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { ClientError } from './errors.js';

/** What the CLI remembers between invocations. The password is never stored. */
export interface StoredConfig {
  server?: string;
  username?: string;
  token?: string;
  /** The TUI's alerts: bell, desktop or off (`switchboard tui --notify`); kept across logins. */
  notify?: string;
  /** Seconds between reminders of a visitor waiting for a reply (`--remind-every`); kept across logins. */
  remindEvery?: string;
}

/** Environment variables read by the client side. */
export const CLIENT_ENV = {
  /** Directory of config.json (default: the user's config directory, e.g. ~/.config/switchboard). */
  configDir: 'SWITCHBOARD_CONFIG_DIR',
  /** Server URL, instead of the one remembered by `switchboard login`. */
  server: 'SWITCHBOARD_SERVER',
  /** Staff auth token, instead of the one remembered by `switchboard login`. */
  token: 'SWITCHBOARD_TOKEN',
} as const;

const KEYS = ['server', 'username', 'token', 'notify', 'remindEvery'] as const;
/** Preferences: a write that does not name them keeps them (a login replaces only who is signed in). */
const PREFERENCES = ['notify', 'remindEvery'] as const;
const FILE_MODE = 0o600;

export interface ConfigStore {
  /** Path of the config file. */
  readonly path: string;
  read(): StoredConfig;
  /** Replaces the stored values (keys left undefined are removed, preferences kept). */
  write(values: StoredConfig): void;
  /** Forgets the token, keeping server and username for the next login. */
  forgetToken(): void;
}

/**
 * The config file (conf, JSON), readable by its owner only (0600): it holds a bearer token.
 * `SWITCHBOARD_CONFIG_DIR` moves it, so tests and several identities stay apart.
 */
export function openConfigStore(env: NodeJS.ProcessEnv = process.env): ConfigStore {
  const cwd = env[CLIENT_ENV.configDir] || undefined;
  if (cwd && !existsSync(cwd)) mkdirSync(cwd, { recursive: true, mode: 0o700 });
  let conf: Conf<StoredConfig>;
  try {
    conf = new Conf<StoredConfig>({ projectName: 'switchboard', projectSuffix: '', cwd, configFileMode: FILE_MODE });
  } catch (e) {
    throw new ClientError(
      `cannot read the config file${cwd ? ` in ${cwd}` : ''}: ${(e as Error).message} (fix or delete it)`,
    );
  }
  const tighten = () => {
    // conf's mode only applies when the file is created; a file made looser by hand is tightened again.
    if (existsSync(conf.path) && (statSync(conf.path).mode & 0o077) !== 0) chmodSync(conf.path, FILE_MODE);
  };
  tighten();
  return {
    path: conf.path,
    read() {
      const out: StoredConfig = {};
      for (const k of KEYS) {
        const v = conf.get(k);
        if (typeof v === 'string' && v) out[k] = v;
      }
      return out;
    },
    write(values) {
      const next: StoredConfig = {};
      for (const k of PREFERENCES) {
        const kept = conf.get(k);
        if (typeof kept === 'string' && kept) next[k] = kept;
      }
      for (const k of KEYS) if (values[k]) next[k] = values[k];
      conf.store = next;
      tighten();
    },
    forgetToken() {
      if (conf.has('token')) conf.delete('token');
      tighten();
    },
  };
}
