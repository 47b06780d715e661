import { createMiddleware } from 'hono/factory';
import { authenticateStaff } from '../../app/auth.js';
import { requireAdmin } from '../../app/agents-admin.js';
import type { AppDeps } from '../../app/deps.js';
import type { HttpEnv } from '../env.js';

export const bearer = (header: string | undefined): string | undefined => {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
};

/** Requires a live staff session; sets `principal`. */
export const staffAuth = (deps: AppDeps) =>
  createMiddleware<HttpEnv>(async (c, next) => {
    c.set('principal', await authenticateStaff(deps, bearer(c.req.header('authorization'))));
    await next();
  });

/** Requires a live staff session of role admin (agents get 403). */
export const adminAuth = (deps: AppDeps) =>
  createMiddleware<HttpEnv>(async (c, next) => {
    const who = await authenticateStaff(deps, bearer(c.req.header('authorization')));
    requireAdmin(who);
    c.set('principal', who);
    await next();
  });
