import { Hono } from 'hono';
import * as auth from '../../app/auth.js';
import { register } from '../../app/invites.js';
import { loginBody, registerBody, statusBody } from '../../protocol/schemas.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readJson } from '../validate.js';

/** POST /api/login, /api/logout, /api/register; GET /api/me; PUT /api/me/status. */
export function staffRoutes({ deps, chats, publish }: RouteOptions) {
  const app = new Hono<HttpEnv>();
  const authed = staffAuth(deps);

  app.post('/login', async (c) => {
    const body = await readJson(c, loginBody);
    const { value, events } = await auth.login(deps, chats, body, clientAddress(c, deps.config.trustProxy));
    publish(events);
    return c.json(value, 200);
  });

  app.post('/logout', authed, async (c) => {
    publish((await auth.logout(deps, chats, c.get('principal'))).events);
    return c.body(null, 204);
  });

  app.post('/register', async (c) => {
    const body = await readJson(c, registerBody);
    return c.json(await register(deps, body), 201);
  });

  app.get('/me', authed, async (c) => c.json(await auth.me(deps, c.get('principal'))));

  app.post('/me/handback', authed, async (c) => {
    const { value, events } = await auth.handBack(deps, chats, c.get('principal'));
    publish(events);
    return c.json(value);
  });

  app.put('/me/status', authed, async (c) => {
    const { status } = await readJson(c, statusBody);
    const { value, events } = await auth.setStatus(deps, chats, c.get('principal'), status);
    publish(events);
    return c.json(value);
  });

  return app;
}
