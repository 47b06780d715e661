import { io, type Socket } from 'socket.io-client';

/**
 * Opens one socket.io-client connection (its own engine, WebSocket only, no reconnection) and
 * resolves once `firstEvent` arrived (the server's on-connect event), or on connect without one.
 */
export function openSocket(url: string, namespace: string, auth: Record<string, unknown>, firstEvent?: string, extraHeaders?: Record<string, string>, timeoutMs = 30_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url + namespace, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders, timeout: timeoutMs });
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

/** Runs `fn` over `items` with at most `limit` in flight; results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

/** A distinct client address for X-Forwarded-For (the server runs with --trust-proxy). */
export const address = (first: number, k: number) => `${first}.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
