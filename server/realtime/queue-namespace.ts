import type { ChatEngine } from '../app/chats/engine.js';
import { rooms } from '../app/events.js';
import type { TokenService } from '../security/tokens.js';
import { disconnectAtExpiry } from './expiry.js';
import { answerUnknownEvents } from './handler.js';
import { requireToken } from './handshake.js';
import type { QueueNamespace } from './namespaces.js';

/**
 * /queue (added to the contract): a waiting visitor connects with its queue token and is told at
 * once with `queue:turn` when it reaches the front and an agent has room. Polling stays the fallback.
 */
export function setupQueueNamespace(nsp: QueueNamespace, o: { tokens: TokenService; chats: ChatEngine }): void {
  requireToken(
    nsp,
    (t) => o.tokens.verify('queue', t),
    (socket, claims) => {
      socket.data.entryId = claims.jti;
      socket.data.exp = claims.exp;
    },
  );
  nsp.on('connection', (socket) => {
    answerUnknownEvents(socket);
    disconnectAtExpiry(socket, socket.data.exp);
    const { entryId } = socket.data;
    socket.join(rooms.queueEntry(entryId));
    o.chats.queueSocket(entryId, 1);
    socket.once('disconnect', () => o.chats.queueSocket(entryId, -1));
  });
}
