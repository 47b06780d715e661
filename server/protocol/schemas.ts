import { z } from 'zod';
import { CONTROL_CHARS_RE, LIMITS, USERNAME_RE } from './limits.js';
import { visitorContextFields } from './visitor-context.js';

/** zod schemas for every HTTP body and query of the contract. Validation happens once, at the edge. */

export const username = z
  .string()
  .regex(
    USERNAME_RE,
    'username must match ^[a-z0-9][a-z0-9_.-]{1,31}$ (lower case letters, digits, _ . -; 2–32 chars)',
  );

export const password = z
  .string()
  .min(LIMITS.passwordMin, `password must be at least ${LIMITS.passwordMin} characters`)
  .refine((p) => Buffer.byteLength(p, 'utf8') <= LIMITS.passwordMaxBytes, {
    message: `password must be at most ${LIMITS.passwordMaxBytes} bytes`,
  });

/** A display name: trimmed, no control characters. */
export const displayName = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'name must not be empty')
        .max(max, `name must be at most ${max} characters`)
        .refine((s) => !CONTROL_CHARS_RE.test(s), { message: 'name must not contain control characters' }),
    );

export const messageBody = z
  .string()
  .min(1, 'message must not be empty')
  .max(LIMITS.bodyMax, `message must be at most ${LIMITS.bodyMax} characters`)
  .refine((s) => s.trim().length > 0, { message: 'message must not be blank' });

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export const registerBody = z.object({ token: z.string().min(1).max(512), password });
export const statusBody = z.object({ status: z.enum(['online', 'offline']) });
export const inviteBody = z.object({
  username,
  name: displayName(LIMITS.agentNameMax),
  email: z.string().trim().max(LIMITS.emailMax).email('email must be a valid e-mail address'),
});
export const agentPatchBody = z
  .object({
    maxChats: z.number().int().min(0).max(LIMITS.maxChatsMax).optional(),
    name: displayName(LIMITS.agentNameMax).optional(),
  })
  .strict()
  .refine((b) => b.maxChats !== undefined || b.name !== undefined, { message: 'give maxChats or name' });
export const agentMessageBody = z.object({ to: z.string().min(1).max(64), body: messageBody });
export const agentMessagesReadBody = z.object({ upTo: z.string().min(1).max(64) });
export const agentMessagesQuery = z.object({
  after: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const queueJoinBody = z.object({ name: displayName(LIMITS.visitorNameMax), ...visitorContextFields });

export type LoginBody = z.infer<typeof loginBody>;
export type RegisterBody = z.infer<typeof registerBody>;
export type InviteBody = z.infer<typeof inviteBody>;
export type AgentPatchBody = z.infer<typeof agentPatchBody>;
export type AgentMessageBody = z.infer<typeof agentMessageBody>;
