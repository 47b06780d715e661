import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '[::]', '::']);

export interface OriginPolicy {
  /** The public URL (--public-url, or http://HOST:PORT). */
  publicUrl: () => string;
  /** Whether --public-url was set. */
  configured: boolean;
  extra: readonly string[];
}

/**
 * Browser origins allowed to open sockets: the public URL's and --allowed-origins. Without
 * --public-url, a loopback listener also accepts its other loopback names (localhost vs 127.0.0.1),
 * and a wildcard listener (0.0.0.0) the origin of the Host it was reached on. A handshake without
 * an Origin header (CLI, TUI, scripts) is not a browser's and is allowed.
 */
export function originAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (policy.extra.includes(origin)) return true;
  let pub: URL;
  try {
    pub = new URL(policy.publicUrl());
  } catch {
    return false;
  }
  if (pub.origin === origin) return true;
  if (policy.configured) return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.protocol !== pub.protocol || o.port !== pub.port) return false;
  if (LOOPBACK.has(pub.hostname) && LOOPBACK.has(o.hostname)) return true;
  return WILDCARD.has(pub.hostname) && req.headers.host === o.host;
}

/**
 * Refuses WebSocket upgrades from foreign origins with 403 (engine.io would answer 400), before
 * Socket.IO sees them. Call after Socket.IO has attached to the server.
 */
export function guardUpgrades(server: Server, allowed: (req: IncomingMessage) => boolean): void {
  const listeners = server.listeners('upgrade') as ((req: IncomingMessage, socket: Duplex, head: Buffer) => void)[];
  server.removeAllListeners('upgrade');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!allowed(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    for (const l of listeners) l.call(server, req, socket, head);
  });
}
