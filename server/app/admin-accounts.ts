import { AppError } from '../protocol/errors.js';
import type { Store } from './ports/store.js';
import type { PasswordHasher } from '../security/passwords.js';

/**
 * Admin accounts are created and removed on the server machine only (`switchboard admin …`),
 * writing the database directly, with or without the server running.
 */
export async function createAdmin(
  store: Store,
  passwords: PasswordHasher,
  p: { username: string; name: string; password: string },
  now = Date.now(),
) {
  const passwordHash = await passwords.hash(p.password);
  const ok = await store.createAccount({
    username: p.username,
    name: p.name,
    email: null,
    role: 'admin',
    passwordHash,
    status: 'offline',
    maxChats: null,
    createdAt: now,
  });
  if (!ok) throw new AppError('conflict', `The username "${p.username}" is already taken.`);
  return { username: p.username, name: p.name, role: 'admin' as const };
}

export async function deleteAdmin(store: Store, username: string) {
  const account = await store.getAccount(username);
  if (account?.role !== 'admin') throw new AppError('not_found', `No admin "${username}".`);
  await store.deleteSessionsOf(username);
  await store.deleteAccount(username);
}

export async function listAdmins(store: Store) {
  return (await store.listAccounts())
    .filter((a) => a.role === 'admin')
    .map((a) => ({ username: a.username, name: a.name, createdAt: new Date(a.createdAt).toISOString() }));
}
