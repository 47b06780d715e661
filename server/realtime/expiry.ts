/** Any namespace's socket: every namespace's map has `auth:expired` (see protocol/events.ts). */
interface Expiring {
  emit(event: 'auth:expired', payload: Record<string, never>): unknown;
  disconnect(close: boolean): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
}

/**
 * Closes a socket when the token it connected with expires (a live connection must not outlive its
 * token). The client is told with `auth:expired` first.
 */
export function disconnectAtExpiry(socket: Expiring, expSeconds: number, now: () => number = Date.now): void {
  const ms = Math.max(0, Math.min(expSeconds * 1000 - now(), 2 ** 31 - 1));
  const timer = setTimeout(() => {
    socket.emit('auth:expired', {});
    socket.disconnect(true);
  }, ms);
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
