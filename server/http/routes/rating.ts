import { Hono } from 'hono';
import { ratingBody } from '../../protocol/visitor-context.js';
import type { HttpEnv } from '../env.js';
import { bearer } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readJson } from '../validate.js';

/** POST /api/chat/rating (contract v2): the visitor rates its ended chat with its user token. */
export function ratingRoutes({ chats, publish }: RouteOptions) {
  const app = new Hono<HttpEnv>();
  app.post('/chat/rating', async (c) => {
    const input = await readJson(c, ratingBody);
    const { value, events } = await chats.rateChat(bearer(c.req.header('authorization')), input);
    publish(events);
    return c.json(value, 201);
  });
  return app;
}
