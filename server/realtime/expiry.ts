import type { Socket } from 'socket.io';

/**
 * Closes a socket when the token it connected with expires (a live connection must not outlive its
 * token). The client is told with `auth:expired` first.
 */
export function disconnectAtExpiry(socket: Socket, expSeconds: number, now: () => number = Date.now): void {
  const ms = Math.max(0, Math.min(expSeconds * 1000 - now(), 2 ** 31 - 1));
  const timer = setTimeout(() => {
    socket.emit('auth:expired', {});
    socket.disconnect(true);
  }, ms);
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
