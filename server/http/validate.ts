import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../protocol/errors.js';

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/**
 * The first problem zod found, as a sentence for a person: the schema's own message when it has one
 * ("password must be at least 10 characters"), else one made from the field and the rule
 * ("username is required", "maxChats must be at most 100"), never zod's wording.
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  // Messages written in the schemas start in lower case; zod's own start with a capital.
  if (/^[a-z]/.test(issue.message)) return issue.message;
  const field = issue.path.map(String).join('.');
  const subject = field || 'the value';
  switch (issue.code) {
    case 'invalid_type': {
      const kind = KINDS[issue.expected] ?? issue.expected;
      if (!field && issue.expected === 'object') return 'the request must be a JSON object';
      return /received undefined$/.test(issue.message) ? `${subject} is required` : `${subject} must be ${kind}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const most = issue.inclusive === false ? (small ? 'more than' : 'less than') : small ? 'at least' : 'at most';
      if (issue.origin === 'string' && small && Number(bound) === 1 && issue.inclusive !== false)
        return `${subject} must not be empty`;
      if (issue.origin === 'array') return `${subject} must have ${most} ${bound} items`;
      return `${subject} must be ${most} ${bound}${issue.origin === 'string' ? ' characters' : ''}`;
    }
    case 'invalid_value':
      return `${subject} must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}${field ? ` in ${field}` : ''}: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `${subject} is not valid` : `${subject} must be a valid ${issue.format}`;
    default:
      return field ? `${field} is not valid` : 'the request is not valid';
  }
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
