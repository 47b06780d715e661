import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../protocol/errors.js';

/** "field: message" for the first problem zod found. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('invalid_request', describeIssue(result.error));
  return result.data;
}

/** Reads and validates a JSON body; a missing or malformed body is `invalid_request`. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_request', 'The request body must be JSON.');
  }
  return parseWith(schema, body);
}

export const readQuery = <S extends z.ZodType>(c: Context, schema: S): z.infer<S> => parseWith(schema, c.req.query());
