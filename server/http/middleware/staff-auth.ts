import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { authenticateStaff } from '../../app/auth.js';
import { requireAdmin } from '../../app/agents-admin.js';
import type { AppDeps, Principal } from '../../app/deps.js';
import { createSampler, type Sampler } from '../../log.js';
import { isAppError } from '../../protocol/errors.js';
import { refusalReason } from '../../security/tokens.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../env.js';

export const bearer = (header: string | undefined): string | undefined => {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
};

/**
 * The staff member behind the request's token; a refusal is logged (reason, address, method and
 * path; never the token), at most once a minute per address, reason and path.
 */
function authenticate(deps: AppDeps, refusals: Sampler) {
  return async (c: Context<HttpEnv>): Promise<Principal> => {
    try {
      return await authenticateStaff(deps, bearer(c.req.header('authorization')));
    } catch (e) {
      if (isAppError(e) && e.code === 'unauthorized')
        logRefusal(deps.log, refusals, c, refusalReason(e), deps.config.trustProxy);
      throw e;
    }
  };
}

function logRefusal(log: Logger, refusals: Sampler, c: Context<HttpEnv>, reason: string, trustProxy: boolean) {
  const address = clientAddress(c, trustProxy);
  const { method, path } = c.req;
  const taken = refusals.take(`${address}|${reason}|${method} ${path}`);
  if (!taken) return;
  log.warn({ reason, address, method, path, ...(taken.skipped ? { skipped: taken.skipped } : {}) }, 'token refused');
}

/** Requires a live staff session; sets `principal`. */
export const staffAuth = (deps: AppDeps) => {
  const who = authenticate(deps, createSampler());
  return createMiddleware<HttpEnv>(async (c, next) => {
    c.set('principal', await who(c));
    await next();
  });
};

/** Requires a live staff session of role admin (agents get 403). */
export const adminAuth = (deps: AppDeps) => {
  const who = authenticate(deps, createSampler());
  return createMiddleware<HttpEnv>(async (c, next) => {
    const principal = await who(c);
    requireAdmin(principal);
    c.set('principal', principal);
    await next();
  });
};
