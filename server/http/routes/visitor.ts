import { Hono } from 'hono';
import type { ChatEngine } from '../../app/chats/engine.js';
import type { AppDeps } from '../../app/deps.js';
import type { OutEvent } from '../../app/events.js';
import { queueJoinBody } from '../../protocol/schemas.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../env.js';
import { bearer } from '../middleware/staff-auth.js';
import { readJson } from '../validate.js';

/** POST /api/queue, GET /api/queue/status, DELETE /api/queue, POST /api/chat/start. */
export function visitorRoutes(deps: AppDeps, engine: ChatEngine, publish: (events: OutEvent[]) => void) {
  const app = new Hono<HttpEnv>();
  const token = (c: { req: { header(name: string): string | undefined } }) => bearer(c.req.header('authorization'));

  app.post('/queue', async (c) => {
    const { name } = await readJson(c, queueJoinBody);
    return c.json(await engine.joinQueue(name, clientAddress(c, deps.config.trustProxy)), 201);
  });

  app.get('/queue/status', async (c) => c.json(await engine.queueStatus(token(c))));

  app.delete('/queue', async (c) => {
    publish(await engine.leaveQueue(token(c)));
    return c.body(null, 204);
  });

  app.post('/chat/start', async (c) => {
    const { value, events } = await engine.startChat(token(c));
    publish(events);
    return c.json(value, 200);
  });

  return app;
}
