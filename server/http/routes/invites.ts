import { Hono } from 'hono';
import { invite, listInvites, resendInvite, revokeInvite } from '../../app/invites.js';
import { inviteBody, username } from '../../protocol/schemas.js';
import type { HttpEnv } from '../env.js';
import { adminAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { parseWith, readJson } from '../validate.js';

/** /api/admin/invites: invite agents, list the pending invites, revoke or resend one. Admins only. */
export function inviteRoutes({ deps }: Pick<RouteOptions, 'deps'>) {
  const app = new Hono<HttpEnv>();
  app.use('*', adminAuth(deps));

  app.post('/', async (c) => {
    const body = await readJson(c, inviteBody);
    return c.json(await invite(deps, c.get('principal'), body), 201);
  });

  app.get('/', async (c) => c.json({ invites: await listInvites(deps) }));

  app.delete('/:username', async (c) => {
    await revokeInvite(deps, c.get('principal'), parseWith(username, c.req.param('username')));
    return c.body(null, 204);
  });

  app.post('/:username/resend', async (c) => {
    const name = parseWith(username, c.req.param('username'));
    return c.json(await resendInvite(deps, c.get('principal'), name), 201);
  });

  return app;
}
