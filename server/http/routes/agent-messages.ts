import { Hono } from 'hono';
import { listAgentMessages, sendAgentMessage } from '../../app/agent-messages.js';
import { agentMessageBody, agentMessagesQuery } from '../../protocol/schemas.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readJson, readQuery } from '../validate.js';

/** /api/agent-messages: asynchronous agent-to-agent messages. */
export function agentMessageRoutes({ deps, publish }: Pick<RouteOptions, 'deps' | 'publish'>) {
  const app = new Hono<HttpEnv>();
  app.use('*', staffAuth(deps));

  app.post('/', async (c) => {
    const body = await readJson(c, agentMessageBody);
    const { value, events } = await sendAgentMessage(deps, c.get('principal'), body);
    publish(events);
    return c.json({ message: value }, 201);
  });

  app.get('/', async (c) => {
    const q = readQuery(c, agentMessagesQuery);
    return c.json({ messages: await listAgentMessages(deps, c.get('principal'), q.after, q.limit) });
  });

  return app;
}
