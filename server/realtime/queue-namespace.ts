import type { Namespace } from 'socket.io';
import type { AppDeps } from '../app/deps.js';
import { rooms } from '../app/events.js';
import { answerUnknownEvents } from './handler.js';

/**
 * /queue (added to the contract): a waiting visitor connects with its queue token and is told at
 * once with `queue:turn` when it reaches the front and an agent has room. Polling stays the fallback.
 */
export function setupQueueNamespace(nsp: Namespace, deps: AppDeps): void {
  nsp.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const claims = await deps.tokens.verify('queue', typeof token === 'string' ? token : '');
      socket.data.entryId = claims.jti;
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
  nsp.on('connection', (socket) => {
    answerUnknownEvents(socket);
    socket.join(rooms.queueEntry(socket.data.entryId as string));
  });
}
