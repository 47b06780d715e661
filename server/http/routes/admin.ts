import { Hono } from 'hono';
import { deleteAgent, listAgents, patchAgent } from '../../app/agents-admin.js';
import { agentPatchBody, username } from '../../protocol/schemas.js';
import type { HttpEnv } from '../env.js';
import { adminAuth } from '../middleware/staff-auth.js';
import type { MetricsSource, RouteOptions } from '../options.js';
import { parseWith, readJson } from '../validate.js';

/** /api/admin/*: agent management and metrics, for admins only (invites: invites.ts). */
export function adminRoutes({ deps, chats, publish, metrics }: RouteOptions & { metrics: MetricsSource }) {
  const app = new Hono<HttpEnv>();
  app.use('*', adminAuth(deps));

  app.get('/metrics', async (c) => {
    const body = await metrics.snapshot();
    if (c.req.query('reset')) metrics.reset();
    return c.json(body);
  });

  app.get('/agents', async (c) => c.json({ agents: await listAgents(deps) }));

  app.patch('/agents/:username', async (c) => {
    const name = parseWith(username, c.req.param('username'));
    const body = await readJson(c, agentPatchBody);
    const { value, events } = await patchAgent(deps, chats, c.get('principal'), name, body);
    publish(events);
    return c.json(value);
  });

  app.delete('/agents/:username', async (c) => {
    const name = parseWith(username, c.req.param('username'));
    publish((await deleteAgent(deps, chats, c.get('principal'), name)).events);
    return c.body(null, 204);
  });

  return app;
}
