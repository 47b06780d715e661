import bcrypt from 'bcryptjs';

export const BCRYPT_COST = 10;

/** bcrypt hashing. bcryptjs's async API works in chunks, so the event loop keeps turning. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spend the same time as a real comparison (unknown users), so timing tells nothing. */
  verifyDummy(password: string): Promise<false>;
}

export function createPasswordHasher(cost = BCRYPT_COST): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => bcrypt.hash(password, cost),
    verify: (password, hash) => bcrypt.compare(password, hash),
    async verifyDummy(password) {
      dummy ??= bcrypt.hash('switchboard-dummy-password', cost);
      await bcrypt.compare(password, await dummy);
      return false;
    },
  };
}
