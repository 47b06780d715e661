import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

const forwardedFor = (header: string | string[] | undefined): string | undefined =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/** The client's address: the socket's peer, or the first X-Forwarded-For entry with --trust-proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = forwardedFor(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The same for a raw request (socket handshakes, upgrades). */
export function requestAddress(req: IncomingMessage, trustProxy: boolean): string {
  return (trustProxy && forwardedFor(req.headers['x-forwarded-for'])) || req.socket?.remoteAddress || 'unknown';
}
