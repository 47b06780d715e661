import type { Namespace } from 'socket.io';
import type { ChatEngine } from '../app/chats/engine.js';
import type { AppDeps } from '../app/deps.js';
import { rooms, type OutEvent } from '../app/events.js';
import { visitorEvents } from '../protocol/socket-schemas.js';
import { disconnectAtExpiry } from './expiry.js';
import { answerUnknownEvents, exceptSender, on } from './handler.js';
import { requireToken, visitorHandshake } from './handshake.js';

/** /visitor: user token in the handshake, room chat:<id>, `chat:history` on every connect. */
export function setupVisitorNamespace(nsp: Namespace, deps: AppDeps, engine: ChatEngine, publish: (e: OutEvent[]) => void): void {
  requireToken(nsp, (t) => deps.tokens.verify('user', t), (socket, claims) => {
    socket.data.chatId = claims.chatId;
    socket.data.exp = claims.exp;
  });

  nsp.on('connection', async (socket) => {
    const chatId = socket.data.chatId as string;
    disconnectAtExpiry(socket, socket.data.exp as number);
    const actor = { role: 'visitor' as const, chatId };
    on(socket, deps.log, 'chat:send', visitorEvents['chat:send'], async ({ body, clientMsgId }) => {
      const { value, events, duplicate } = await engine.sendMessage(actor, chatId, body, clientMsgId);
      setImmediate(() => publish(exceptSender(events, socket.id)));
      return { message: value, ...(duplicate ? { duplicate } : {}) };
    });
    on(socket, deps.log, 'chat:end', visitorEvents['chat:end'], async () => {
      const { events } = await engine.endChat(actor, chatId);
      setImmediate(() => publish(events));
      return {};
    });
    answerUnknownEvents(socket);
    socket.join(rooms.chat(chatId));
    try {
      socket.emit('chat:history', await engine.historyPayload(chatId, visitorHandshake(socket).since));
    } catch (err) {
      deps.log.error({ err }, 'chat:history failed');
    }
  });
}
