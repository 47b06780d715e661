import { Hono } from 'hono';
import { listAgents } from '../../app/agents-admin.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';

/**
 * GET /api/agents (added to the contract): colleagues and their load for any staff member — the
 * transfer picker and agent messages need them. No e-mail addresses (that stays admin-only).
 */
export function agentRoutes({ deps }: Pick<RouteOptions, 'deps'>) {
  const app = new Hono<HttpEnv>();
  app.use('*', staffAuth(deps));
  app.get('/', async (c) => {
    const agents = (await listAgents(deps)).map(({ username, name, role, status, connected, openChats, maxChats }) => ({
      username,
      name,
      role,
      status,
      connected,
      openChats,
      maxChats,
    }));
    return c.json({ agents });
  });
  return app;
}
