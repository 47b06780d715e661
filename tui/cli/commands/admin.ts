import { userInfo } from 'node:os';
import { createAdmin, deleteAdmin, listAdmins } from '../../../server/app/admin-accounts.js';
import type { Store } from '../../../server/app/ports/store.js';
import { SETTINGS } from '../../../server/config.js';
import { createLogger } from '../../../server/log.js';
import { LIMITS } from '../../../server/protocol/limits.js';
import {
  displayName,
  password as passwordSchema,
  username as usernameSchema,
} from '../../../server/protocol/schemas.js';
import { PRIVATE_UMASK } from '../../../server/security/data-dir.js';
import { createPasswordHasher } from '../../../server/security/passwords.js';
import { databaseExists, openStore } from '../../../server/store/open-store.js';
import { CliError } from '../errors.js';
import { clean, confirm, isInteractive, normalizeUsername, print, readNewPassword } from '../io.js';

type Opts = {
  dataDir?: string;
  databaseUrl?: string;
  json?: boolean;
  name?: string;
  passwordStdin?: boolean;
  yes?: boolean;
};

const dataDir = (o: Opts) => o.dataDir ?? process.env[SETTINGS.dataDir.env] ?? SETTINGS.dataDir.default;
const databaseUrl = (o: Opts) => o.databaseUrl ?? (process.env[SETTINGS.databaseUrl.env] || undefined);
/** Where the accounts live: the PostgreSQL database when one is configured, else the data dir. */
const where = (o: Opts) => (databaseUrl(o) ? 'the PostgreSQL database' : dataDir(o));
const storeConfig = (o: Opts) => ({ dataDir: dataDir(o), databaseUrl: databaseUrl(o) });

function check<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(r.error.issues[0]!.message, 2);
  return r.data;
}

/**
 * Admin commands write the server's database: what they create is the server user's only (umask
 * 0077, as the server's), and only `admin create` may start a new database.
 */
async function withStore<T>(o: Opts, fn: (store: Store) => Promise<T>): Promise<T> {
  process.umask(PRIVATE_UMASK);
  const stores = await openStore({ ...storeConfig(o), sqliteSync: 'full' }, { writerThread: false });
  try {
    return await fn(stores.store);
  } finally {
    await stores.close();
  }
}

function requireDatabase(o: Opts): void {
  if (databaseExists(storeConfig(o))) return;
  throw new CliError(`no Switchboard database in ${dataDir(o)} — pass --data-dir DIR (the server's) or --database-url`);
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The audit line of an account change made on the server machine: JSON on stderr like the
 * server's log (SWITCHBOARD_LOG_LEVEL=silent turns it off); the actor is the operating-system user.
 */
function audit(msg: string, username: string): void {
  const level = process.env[SETTINGS.logLevel.env] || 'info';
  let actor: string;
  try {
    actor = userInfo().username;
  } catch {
    actor = process.env.USER ?? 'unknown';
  }
  const log = createLogger(LEVELS.includes(level) ? level : 'info');
  log.info({ username, actor, via: 'cli' }, msg);
  log.flush();
}

export async function create(typed: string, o: Opts): Promise<void> {
  const user = check(usernameSchema, normalizeUsername(typed));
  const name = check(displayName(LIMITS.agentNameMax), o.name);
  const fresh = !databaseExists(storeConfig(o));
  // Said before the password is asked for: a wrong folder can still be noticed and left with ^C.
  if (fresh) process.stderr.write(`no Switchboard database in ${dataDir(o)} yet: creating a new one\n`);
  const password = await readNewPassword(
    o.passwordStdin,
    (p) => void check(passwordSchema, p),
    `Password for ${user} (at least ${LIMITS.passwordMin} characters): `,
  );
  const admin = await withStore(o, (store) =>
    createAdmin(store, createPasswordHasher({ inline: true }), { username: user, name, password }),
  );
  audit('admin created', admin.username);
  print(admin, o.json, (a) => `created admin ${a.username} (${clean(a.name)}) in ${where(o)}`);
}

export async function remove(typed: string, o: Opts): Promise<void> {
  const username = normalizeUsername(typed);
  requireDatabase(o);
  if (!o.yes && !isInteractive()) throw new CliError('deleting an admin account needs confirmation: add --yes', 2);
  await withStore(o, async (store) => {
    const account = await store.getAccount(username);
    if (account?.role !== 'admin') throw new CliError(`no admin ${clean(username)} in ${where(o)}`);
    if (!o.yes && !(await confirm(`Delete the admin account ${clean(username)}? Its sessions end.`)))
      throw new CliError('cancelled: nothing was deleted');
    await deleteAdmin(store, username);
  });
  audit('admin deleted', username);
  print({ deleted: username }, o.json, (d) => `deleted admin ${clean(d.deleted)}`);
}

export async function list(o: Opts): Promise<void> {
  requireDatabase(o);
  const admins = await withStore(o, (store) => listAdmins(store));
  print({ admins }, o.json, ({ admins }) =>
    admins.length ? admins.map((a) => `${a.username}\t${a.name}\t${a.createdAt}`).join('\n') : 'no admin accounts',
  );
}
