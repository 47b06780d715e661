import { Hono } from 'hono';
import { createCanned, deleteCanned, listCanned, updateCanned } from '../../app/canned.js';
import { cannedBody, cannedPatchBody } from '../../protocol/canned.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readJson } from '../validate.js';

/** /api/canned: canned responses, team and personal (staff). */
export function cannedRoutes({ deps }: Pick<RouteOptions, 'deps'>) {
  const app = new Hono<HttpEnv>();
  app.use('*', staffAuth(deps));

  app.get('/', async (c) => c.json({ canned: await listCanned(deps, c.get('principal')) }));

  app.post('/', async (c) => {
    const body = await readJson(c, cannedBody);
    return c.json({ canned: await createCanned(deps, c.get('principal'), body) }, 201);
  });

  app.patch('/:id', async (c) => {
    const patch = await readJson(c, cannedPatchBody);
    return c.json({ canned: await updateCanned(deps, c.get('principal'), c.req.param('id'), patch) });
  });

  app.delete('/:id', async (c) => {
    await deleteCanned(deps, c.get('principal'), c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}
