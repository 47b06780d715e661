import { Hono } from 'hono';
import { queueJoinBody } from '../../protocol/schemas.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../env.js';
import { bearer } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readJson } from '../validate.js';

/** POST /api/queue, GET /api/queue/status, DELETE /api/queue, POST /api/chat/start. */
export function visitorRoutes({ deps, chats, publish }: RouteOptions) {
  const app = new Hono<HttpEnv>();
  const token = (c: { req: { header(name: string): string | undefined } }) => bearer(c.req.header('authorization'));

  app.post('/queue', async (c) => {
    const { name, ...visitor } = await readJson(c, queueJoinBody);
    // v2: the browser's own hints are kept with the context; the address is used for the rate limit only.
    const hints = { userAgent: c.req.header('user-agent'), acceptLanguage: c.req.header('accept-language') };
    return c.json(await chats.joinQueue(name, clientAddress(c, deps.config.trustProxy), visitor, hints), 201);
  });

  app.get('/queue/status', async (c) => c.json(await chats.queueStatus(token(c))));

  app.delete('/queue', async (c) => {
    publish(await chats.leaveQueue(token(c)));
    return c.body(null, 204);
  });

  app.post('/chat/start', async (c) => {
    const { value, events } = await chats.startChat(token(c));
    publish(events);
    return c.json(value, 200);
  });

  return app;
}
