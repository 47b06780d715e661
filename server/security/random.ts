import { createHash, randomBytes } from 'node:crypto';

/**
 * An opaque id: 16 random bytes, base64url (22 chars), never starting with `-` or `_`, so that it
 * is never taken for an option on a command line (`switchboard chats show <id>`).
 */
export function newId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

/** An invite token: 256 random bits. Only its hash is ever stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
