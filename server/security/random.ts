import { createHash, randomBytes } from 'node:crypto';

/** An opaque id: 16 random bytes, base64url (22 chars). */
export const newId = (): string => randomBytes(16).toString('base64url');

/** An invite token: 256 random bits. Only its hash is ever stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
