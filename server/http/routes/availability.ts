import { Hono } from 'hono';
import type { HttpEnv } from '../env.js';
import type { RouteOptions } from '../options.js';

/** GET /api/availability (contract v2, no auth): open or closed, agents online, waiting, the wait estimate. */
export function availabilityRoutes({ chats }: Pick<RouteOptions, 'chats'>) {
  const app = new Hono<HttpEnv>();
  app.get('/availability', async (c) => c.json(await chats.availability()));
  return app;
}
