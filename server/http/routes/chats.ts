import { Hono } from 'hono';
import { z } from 'zod';
import type { ChatEngine } from '../../app/chats/engine.js';
import type { AppDeps } from '../../app/deps.js';
import type { OutEvent } from '../../app/events.js';
import { messageBody } from '../../protocol/schemas.js';
import { clientMsgId } from '../../protocol/socket-schemas.js';
import type { HttpEnv } from '../env.js';
import { staffAuth } from '../middleware/staff-auth.js';
import { readJson } from '../validate.js';

const sendBody = z.object({ body: messageBody, clientMsgId });
const transferBody = z.object({ to: z.string().min(1).max(64) });

/**
 * /api/chats (added to the contract): the agent's chats over plain HTTP for scripts and the CLI,
 * the same use cases as the /agent socket events, without holding a connection.
 */
export function chatRoutes(deps: AppDeps, engine: ChatEngine, publish: (events: OutEvent[]) => void) {
  const app = new Hono<HttpEnv>();
  app.use('*', staffAuth(deps));
  const actorOf = (c: { get(k: 'principal'): { username: string; name: string } }) => {
    const who = c.get('principal');
    return { role: 'agent' as const, username: who.username, name: who.name };
  };

  app.get('/', async (c) => c.json(await engine.openChatsPayload(c.get('principal').username)));

  app.get('/:chatId', async (c) => c.json(await engine.chatDetail(c.get('principal').username, c.req.param('chatId'))));

  app.post('/:chatId/messages', async (c) => {
    const { body, clientMsgId } = await readJson(c, sendBody);
    const { value, events, duplicate } = await engine.sendMessage(actorOf(c), c.req.param('chatId'), body, clientMsgId);
    publish(events);
    return duplicate ? c.json({ message: value, duplicate }, 200) : c.json({ message: value }, 201);
  });

  app.post('/:chatId/end', async (c) => {
    const { events } = await engine.endChat(actorOf(c), c.req.param('chatId'));
    publish(events);
    return c.body(null, 204);
  });

  app.post('/:chatId/transfer', async (c) => {
    const { to } = await readJson(c, transferBody);
    const { events } = await engine.transferChat(actorOf(c), c.req.param('chatId'), to);
    publish(events);
    return c.body(null, 204);
  });

  return app;
}
