import type { Namespace } from 'socket.io';
import type { AppDeps } from '../app/deps.js';
import { rooms } from '../app/events.js';
import { disconnectAtExpiry } from './expiry.js';
import { answerUnknownEvents } from './handler.js';
import { requireToken } from './handshake.js';

/**
 * /queue (added to the contract): a waiting visitor connects with its queue token and is told at
 * once with `queue:turn` when it reaches the front and an agent has room. Polling stays the fallback.
 */
export function setupQueueNamespace(nsp: Namespace, deps: AppDeps, presence: { queueSocket(entryId: string, delta: 1 | -1): void }): void {
  requireToken(nsp, (t) => deps.tokens.verify('queue', t), (socket, claims) => {
    socket.data.entryId = claims.jti;
    socket.data.exp = claims.exp;
  });
  nsp.on('connection', (socket) => {
    answerUnknownEvents(socket);
    disconnectAtExpiry(socket, socket.data.exp as number);
    const entryId = socket.data.entryId as string;
    socket.join(rooms.queueEntry(entryId));
    presence.queueSocket(entryId, 1);
    socket.once('disconnect', () => presence.queueSocket(entryId, -1));
  });
}
