import { Hono } from 'hono';
import {
  closeOfflineMessage,
  getOfflineMessage,
  leaveOfflineMessage,
  listOfflineMessages,
  replyToOfflineMessage,
} from '../../app/offline-messages.js';
import { pickLanguage } from '../../mail/offline-reply-email.js';
import {
  offlineListQuery,
  offlineMessageBody,
  offlineMessageId,
  offlineReplyBody,
} from '../../protocol/offline-messages.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { parseWith, readJson, readQuery } from '../validate.js';

/** /api/offline-messages (contract v2, "Leave a message"): visitors leave one, staff answer. */
export function offlineMessageRoutes({ deps, publish }: Pick<RouteOptions, 'deps' | 'publish'>) {
  const app = new Hono<HttpEnv>();
  const staff = staffAuth(deps);

  app.post('/', async (c) => {
    const body = await readJson(c, offlineMessageBody);
    const { value, events } = await leaveOfflineMessage(deps, body, {
      address: clientAddress(c, deps.config.trustProxy),
      language: pickLanguage(c.req.header('accept-language')),
    });
    publish(events);
    return c.json(value, 201);
  });

  app.get('/', staff, async (c) => {
    const q = readQuery(c, offlineListQuery);
    return c.json({ messages: await listOfflineMessages(deps, q.status, q.limit) });
  });

  app.get('/:id', staff, async (c) => {
    const id = parseWith(offlineMessageId, c.req.param('id'));
    return c.json({ message: await getOfflineMessage(deps, id) });
  });

  app.post('/:id/reply', staff, async (c) => {
    const id = parseWith(offlineMessageId, c.req.param('id'));
    const { body } = await readJson(c, offlineReplyBody);
    return c.json({ message: await replyToOfflineMessage(deps, c.get('principal'), id, body) }, 201);
  });

  app.post('/:id/close', staff, async (c) => {
    await closeOfflineMessage(deps, c.get('principal'), parseWith(offlineMessageId, c.req.param('id')));
    return c.body(null, 204);
  });

  return app;
}
