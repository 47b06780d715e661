import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { isAppError } from '../../protocol/errors.js';
import type { HttpEnv } from '../env.js';

/**
 * One line per request at `debug` (method, path without the query string, status, ms) and one at
 * `error` for every 5xx, with the request id given to the client and, for an unexpected failure,
 * the error. No header, query or body is logged: tokens and passwords travel there.
 */
export const requestLog = (log: Logger) =>
  createMiddleware<HttpEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    const { status } = c.res;
    if (status < 500 && !log.isLevelEnabled('debug')) return;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    if (status < 500) return log.debug(line, 'request');
    const requestId = c.get('requestId');
    const cause = isAppError(c.error) ? { code: c.error.code } : c.error ? { err: c.error } : {};
    log.error({ ...line, ...(requestId ? { requestId } : {}), ...cause }, 'request failed');
  });
