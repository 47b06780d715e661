import { Hono } from 'hono';
import * as auth from '../../app/auth.js';
import { register } from '../../app/invites.js';
import type { AppDeps } from '../../app/deps.js';
import type { OutEvent } from '../../app/events.js';
import { loginBody, registerBody, statusBody } from '../../protocol/schemas.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import { readJson } from '../validate.js';

/** POST /api/login, /api/logout, /api/register; GET /api/me; PUT /api/me/status. */
export function staffRoutes(
  deps: AppDeps,
  publish: (events: OutEvent[]) => void,
  logoutRequeue: (username: string) => Promise<OutEvent[]>,
  capacityChanged: () => Promise<OutEvent[]>,
) {
  const app = new Hono<HttpEnv>();
  const authed = staffAuth(deps);

  app.post('/login', async (c) => {
    const body = await readJson(c, loginBody);
    const { value, events } = await auth.login(deps, body, clientAddress(c, deps.config.trustProxy));
    publish(events);
    // Online again: if this account already holds a live /agent connection, it may take chats now.
    publish(await capacityChanged());
    return c.json(value, 200);
  });

  app.post('/logout', authed, async (c) => {
    const who = c.get('principal');
    const { events } = await auth.logout(deps, who);
    publish([...(await logoutRequeue(who.username)), ...events]);
    return c.body(null, 204);
  });

  app.post('/register', async (c) => {
    const body = await readJson(c, registerBody);
    return c.json(await register(deps, body), 201);
  });

  app.get('/me', authed, async (c) => c.json(await auth.me(deps, c.get('principal'))));

  app.put('/me/status', authed, async (c) => {
    const { status } = await readJson(c, statusBody);
    const { value, events } = await auth.setStatus(deps, c.get('principal'), status);
    publish(events);
    if (status === 'online') publish(await capacityChanged());
    return c.json(value);
  });

  return app;
}
