import type { Store } from '../app/ports/store.js';
import type { AccountRecord } from '../domain/records.js';

/**
 * Keeps accounts in memory for a few seconds: routing and queue status ask for every connected
 * agent's account on each call. Writes through this store update the cache at once; the TTL bounds
 * staleness from writes by another process (`switchboard admin …` on the server machine).
 */
export function withAccountCache(store: Store, ttlMs = 5000, now: () => number = Date.now): Store {
  const cache = new Map<string, { account: AccountRecord; until: number }>();
  const remember = (a: AccountRecord | undefined) => {
    if (a) cache.set(a.username, { account: a, until: now() + ttlMs });
    return a;
  };
  return {
    ...store,
    async getAccount(username) {
      const hit = cache.get(username);
      if (hit && hit.until > now()) return hit.account;
      cache.delete(username);
      return remember(await store.getAccount(username));
    },
    async createAccount(account) {
      cache.delete(account.username);
      return store.createAccount(account);
    },
    async updateAccount(username, patch) {
      cache.delete(username);
      return remember(await store.updateAccount(username, patch));
    },
    async deleteAccount(username) {
      cache.delete(username);
      return store.deleteAccount(username);
    },
    async redeemInvite(tokenHash, account, at) {
      cache.delete(account.username);
      return store.redeemInvite(tokenHash, account, at);
    },
  };
}
