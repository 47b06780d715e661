import { Hono } from 'hono';
import {
  agentMessagesReadState,
  listAgentMessages,
  markAgentMessagesRead,
  sendAgentMessage,
} from '../../app/agent-messages.js';
import { agentMessageBody, agentMessagesQuery, agentMessagesReadBody } from '../../protocol/schemas.js';
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
    const who = c.get('principal');
    const [messages, read] = await Promise.all([
      listAgentMessages(deps, who, q.after, q.limit),
      agentMessagesReadState(deps, who),
    ]);
    return c.json({ messages, ...read });
  });

  app.post('/read', async (c) => {
    const { upTo } = await readJson(c, agentMessagesReadBody);
    return c.json(await markAgentMessagesRead(deps, c.get('principal'), upTo));
  });

  return app;
}
