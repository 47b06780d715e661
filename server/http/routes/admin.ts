import { Hono } from 'hono';
import { deleteAgent, listAgents, patchAgent } from '../../app/agents-admin.js';
import type { AppDeps } from '../../app/deps.js';
import type { OutEvent } from '../../app/events.js';
import { invite } from '../../app/invites.js';
import { agentPatchBody, inviteBody, username } from '../../protocol/schemas.js';
import type { HttpEnv } from '../env.js';
import { adminAuth } from '../middleware/staff-auth.js';
import { parseWith, readJson } from '../validate.js';

/** /api/admin/*: invites and agent management, for admins only. */
export function adminRoutes(
  deps: AppDeps,
  publish: (events: OutEvent[]) => void,
  requeue: (username: string) => Promise<OutEvent[]>,
  capacityChanged: () => Promise<OutEvent[]>,
  metrics?: { snapshot(): Promise<object>; reset(): void },
) {
  const app = new Hono<HttpEnv>();
  app.use('*', adminAuth(deps));

  if (metrics) {
    app.get('/metrics', async (c) => {
      const body = await metrics.snapshot();
      if (c.req.query('reset')) metrics.reset();
      return c.json(body);
    });
  }

  app.post('/invites', async (c) => {
    const body = await readJson(c, inviteBody);
    return c.json(await invite(deps, c.get('principal'), body), 201);
  });

  app.get('/agents', async (c) => c.json({ agents: await listAgents(deps) }));

  app.patch('/agents/:username', async (c) => {
    const name = parseWith(username, c.req.param('username'));
    const body = await readJson(c, agentPatchBody);
    const agent = await patchAgent(deps, name, body);
    publish([{ ns: 'agent', room: `agent:${name}`, event: 'agent:updated', payload: agent }]);
    if (body.maxChats !== undefined) publish(await capacityChanged());
    return c.json(agent);
  });

  app.delete('/agents/:username', async (c) => {
    const name = parseWith(username, c.req.param('username'));
    const { events } = await deleteAgent(deps, name, requeue);
    publish(events);
    return c.body(null, 204);
  });

  return app;
}
