import { z } from 'zod';
import { messageBody } from './schemas.js';

/** Canned responses (contract v2): the wire shapes and their limits. */

export const CANNED_SHORTCUT_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export const cannedShortcut = z
  .string()
  .regex(CANNED_SHORTCUT_RE, 'shortcut must match ^[a-z0-9][a-z0-9_-]{0,31}$ (lower case letters, digits, _ -)');
export const cannedText = messageBody;
export const cannedScope = z.enum(['team', 'personal']);

export const cannedBody = z.object({ shortcut: cannedShortcut, body: cannedText, scope: cannedScope }).strict();
export const cannedPatchBody = z
  .object({ shortcut: cannedShortcut.optional(), body: cannedText.optional() })
  .strict()
  .refine((b) => b.shortcut !== undefined || b.body !== undefined, { message: 'give shortcut or body' });
/** `canned import`: the same replies a `canned export` wrote. */
export const cannedFile = z.object({ canned: z.array(cannedBody).max(1000, 'at most 1000 replies in one file') });

export type CannedBody = z.infer<typeof cannedBody>;
export type CannedPatchBody = z.infer<typeof cannedPatchBody>;
export type CannedScope = z.infer<typeof cannedScope>;

/** A canned response as the API shows it; `owner` only on personal ones. */
export interface Canned {
  id: string;
  shortcut: string;
  body: string;
  scope: CannedScope;
  owner?: string;
}
