import { createHash, randomBytes } from 'node:crypto';

/**
 * An opaque id: 16 random bytes, base64url (22 chars), never starting with `-` or `_`, so that it
 * is never taken for an option on a command line (`switchboard chats show <id>`).
 */
export function newId(): string {
  for (;;) {
    const id = randomSlice(16).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

// Ids are made for every message: one 4 KiB draw from the CSPRNG serves 256 of them.
let pool = Buffer.alloc(0);
let offset = 0;
function randomSlice(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + n);
  offset += n;
  return slice;
}

/** An invite token: 256 random bits. Only its hash is ever stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
