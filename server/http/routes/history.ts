import { Hono } from 'hono';
import { chatHistory } from '../../app/history.js';
import { historyQuery } from '../../protocol/history.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readQuery } from '../validate.js';

/** GET /api/chats/history (contract v2, "History and search"); mounted before /api/chats/:chatId. */
export function historyRoutes({ deps }: RouteOptions) {
  const app = new Hono<HttpEnv>();
  app.use('*', staffAuth(deps));
  app.get('/', async (c) => c.json(await chatHistory(deps, c.get('principal'), readQuery(c, historyQuery))));
  return app;
}
