import { io, type Socket } from 'socket.io-client';

export { mapLimit, sleep } from '../lib/async.js';

/**
 * Opens one socket.io-client connection (its own engine, WebSocket only, no reconnection) and
 * resolves once `firstEvent` arrived (the server's on-connect event), or on connect without one.
 */
export function openSocket(
  url: string,
  namespace: string,
  auth: Record<string, unknown>,
  firstEvent?: string,
  extraHeaders?: Record<string, string>,
  timeoutMs = 30_000,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url + namespace, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`${namespace}: not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve(socket);
    };
    if (firstEvent) socket.once(firstEvent, done);
    else socket.once('connect', done);
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`${namespace}: ${err.message}`));
    });
  });
}

/** A distinct client address for X-Forwarded-For (the server runs with --trust-proxy). */
export const address = (first: number, k: number) => `${first}.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
