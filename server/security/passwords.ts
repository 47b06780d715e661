import bcrypt from 'bcryptjs';
import { Piscina } from 'piscina';

export const BCRYPT_COST = 10;

/** bcrypt hashing, by default in worker threads so that logins never stall the event loop. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spend the same time as a real comparison (unknown users), so timing tells nothing. */
  verifyDummy(password: string): Promise<false>;
  close(): Promise<void>;
}

type Task = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };

/** `inline`: hash on this thread (one-shot CLI commands, where starting workers costs more). */
export function createPasswordHasher(o: { cost?: number; inline?: boolean } = {}): PasswordHasher {
  const cost = o.cost ?? BCRYPT_COST;
  // The worker is a sibling file: .ts under tsx (tests), .js in dist/.
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const pool = o.inline
    ? undefined
    : new Piscina({
        filename: new URL(`./bcrypt-worker${ext}`, import.meta.url).href,
        maxThreads: 2,
        minThreads: 0,
        idleTimeout: 30_000,
      });
  const run = (task: Task): Promise<string | boolean> =>
    pool
      ? pool.run(task)
      : task.op === 'hash'
        ? bcrypt.hash(task.password, task.cost)
        : bcrypt.compare(task.password, task.hash);
  let dummy: Promise<string> | undefined;
  return {
    hash: async (password) => (await run({ op: 'hash', password, cost })) as string,
    verify: async (password, hash) => (await run({ op: 'compare', password, hash })) as boolean,
    async verifyDummy(password) {
      dummy ??= run({ op: 'hash', password: 'switchboard-dummy-password', cost }) as Promise<string>;
      await run({ op: 'compare', password, hash: await dummy });
      return false;
    },
    async close() {
      await pool?.destroy();
    },
  };
}
