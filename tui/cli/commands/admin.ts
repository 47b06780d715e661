import { createAdmin, deleteAdmin, listAdmins } from '../../../server/app/admin-accounts.js';
import { SETTINGS } from '../../../server/config.js';
import {
  displayName,
  password as passwordSchema,
  username as usernameSchema,
} from '../../../server/protocol/schemas.js';
import { createPasswordHasher } from '../../../server/security/passwords.js';
import { openStore } from '../../../server/store/open-store.js';
import type { Store } from '../../../server/app/ports/store.js';
import { LIMITS } from '../../../server/protocol/limits.js';
import { CliError } from '../errors.js';
import { print, readPassword } from '../io.js';

type Opts = { dataDir?: string; databaseUrl?: string; json?: boolean; name?: string; passwordStdin?: boolean };

const dataDir = (o: Opts) => o.dataDir ?? process.env[SETTINGS.dataDir.env] ?? SETTINGS.dataDir.default;
const databaseUrl = (o: Opts) => o.databaseUrl ?? (process.env[SETTINGS.databaseUrl.env] || undefined);
/** Where the accounts live: the PostgreSQL database when one is configured, else the data dir. */
const where = (o: Opts) => (databaseUrl(o) ? 'the PostgreSQL database' : dataDir(o));

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

async function withStore<T>(o: Opts, fn: (store: Store) => Promise<T>): Promise<T> {
  const stores = await openStore(
    { dataDir: dataDir(o), databaseUrl: databaseUrl(o), sqliteSync: 'full' },
    { writerThread: false },
  );
  try {
    return await fn(stores.store);
  } finally {
    await stores.close();
  }
}

export async function create(username: string, o: Opts): Promise<void> {
  const user = check(usernameSchema, username);
  const name = check(displayName(LIMITS.agentNameMax), o.name);
  const password = check(passwordSchema, await readPassword(o.passwordStdin));
  const admin = await withStore(o, (store) =>
    createAdmin(store, createPasswordHasher({ inline: true }), { username: user, name, password }),
  );
  print(admin, o.json, (a) => `created admin ${a.username} (${a.name}) in ${where(o)}`);
}

export async function remove(username: string, o: Opts): Promise<void> {
  await withStore(o, (store) => deleteAdmin(store, username));
  process.stdout.write(`deleted admin ${username}\n`);
}

export async function list(o: Opts): Promise<void> {
  const admins = await withStore(o, (store) => listAdmins(store));
  print({ admins }, o.json, ({ admins }) =>
    admins.length ? admins.map((a) => `${a.username}\t${a.name}\t${a.createdAt}`).join('\n') : 'no admin accounts',
  );
}
