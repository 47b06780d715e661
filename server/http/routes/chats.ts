import { Hono } from 'hono';
import { z } from 'zod';
import type { Principal } from '../../app/deps.js';
import { messageBody } from '../../protocol/schemas.js';
import { clientMsgId } from '../../protocol/socket-schemas.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import type { RouteOptions } from '../options.js';
import { readJson } from '../validate.js';

const sendBody = z.object({ body: messageBody, clientMsgId });
const transferBody = z.object({ to: z.string().min(1).max(64) });

const actorOf = (who: Principal) => ({ role: 'agent' as const, username: who.username, name: who.name });

/**
 * /api/chats (added to the contract): the agent's chats over plain HTTP for scripts and the CLI,
 * the same use cases as the /agent socket events, without holding a connection.
 */
export function chatRoutes({ deps, chats, publish }: RouteOptions) {
  const app = new Hono<HttpEnv>();
  app.use('*', staffAuth(deps));

  app.get('/', async (c) => c.json(await chats.openChatsPayload(c.get('principal').username)));

  app.get('/:chatId', async (c) => c.json(await chats.chatDetail(c.get('principal'), c.req.param('chatId'))));

  app.post('/:chatId/messages', async (c) => {
    const { body, clientMsgId } = await readJson(c, sendBody);
    const { value, events } = await chats.sendMessage(
      actorOf(c.get('principal')),
      c.req.param('chatId'),
      body,
      clientMsgId,
    );
    publish(events);
    return c.json(value, value.duplicate ? 200 : 201);
  });

  // v2: internal notes (staff only), idempotent by clientMsgId like messages.
  app.post('/:chatId/notes', async (c) => {
    const { body, clientMsgId } = await readJson(c, sendBody);
    const { value, events } = await chats.addNote(
      actorOf(c.get('principal')),
      c.req.param('chatId'),
      body,
      clientMsgId,
    );
    publish(events);
    return c.json(value, value.duplicate ? 200 : 201);
  });

  app.post('/:chatId/end', async (c) => {
    publish((await chats.endChat(actorOf(c.get('principal')), c.req.param('chatId'))).events);
    return c.body(null, 204);
  });

  app.post('/:chatId/transfer', async (c) => {
    const { to } = await readJson(c, transferBody);
    publish((await chats.transferChat(actorOf(c.get('principal')), c.req.param('chatId'), to)).events);
    return c.body(null, 204);
  });

  return app;
}
