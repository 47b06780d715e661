import type { Logger } from 'pino';
import type { ChatEngine } from '../app/chats/engine.js';
import { rooms, type OutEvent } from '../app/events.js';
import type { VisitorCommands } from '../protocol/events.js';
import { visitorEvents } from '../protocol/socket-schemas.js';
import type { TokenService } from '../security/tokens.js';
import { disconnectAtExpiry } from './expiry.js';
import { exceptSender, serveCommands } from './handler.js';
import { requireToken, visitorHandshake } from './handshake.js';
import type { VisitorNamespace } from './namespaces.js';

export interface VisitorNamespaceOptions {
  tokens: TokenService;
  chats: ChatEngine;
  publish: (events: OutEvent[]) => void;
  log: Logger;
}

/** /visitor: user token in the handshake, room chat:<id>, `chat:history` on every connect. */
export function setupVisitorNamespace(nsp: VisitorNamespace, o: VisitorNamespaceOptions): void {
  requireToken(
    nsp,
    (t) => o.tokens.verify('user', t),
    (socket, claims) => {
      socket.data.chatId = claims.chatId;
      socket.data.exp = claims.exp;
    },
  );

  nsp.on('connection', async (socket) => {
    const { chatId } = socket.data;
    disconnectAtExpiry(socket, socket.data.exp);
    const actor = { role: 'visitor' as const, chatId };
    serveCommands<typeof visitorEvents, VisitorCommands>(socket, {
      schemas: visitorEvents,
      log: o.log,
      publish: o.publish,
      handlers: {
        'chat:send': async ({ body, clientMsgId }) => {
          const { value, events } = await o.chats.sendMessage(actor, chatId, body, clientMsgId);
          return { reply: value, events: exceptSender(events, socket.id) };
        },
        'chat:end': async () => ({ reply: {}, events: (await o.chats.endChat(actor, chatId)).events }),
        // v2: relayed by the engine (throttled); the ack is optional.
        'chat:typing': async (signal) => {
          await o.chats.typing.visitor(chatId, signal);
          return { reply: {} };
        },
      },
    });
    socket.join(rooms.chat(chatId));
    o.chats.visitorSocket(chatId, 1);
    socket.once('disconnect', () => o.chats.visitorSocket(chatId, -1));
    try {
      socket.emit('chat:history', await o.chats.historyPayload(chatId, visitorHandshake(socket).since));
    } catch (err) {
      o.log.error({ err }, 'chat:history failed');
    }
  });
}
