import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { requestAddress } from '../http/client-address.js';
import { createSampler, type Sampler } from '../log.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '[::]', '::']);

export interface OriginPolicy {
  /** The public URL (--public-url, or http://HOST:PORT). */
  publicUrl: () => string;
  /** Whether --public-url was set. */
  configured: boolean;
  extra: readonly string[];
  /** Where refusals are reported (at most one line per origin and address a minute). */
  log?: Logger;
  trustProxy?: boolean;
}

/**
 * Browser origins allowed to open sockets: the public URL's and --allowed-origins. Without
 * --public-url, a loopback listener also accepts its other loopback names (localhost vs 127.0.0.1),
 * and a wildcard listener (0.0.0.0) the origin of the Host it was reached on. A handshake without
 * an Origin header (CLI, TUI, scripts) is not a browser's and is allowed.
 */
export function originAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  if (originMatches(req, policy)) return true;
  if (policy.log) logRefusal(req, policy, policy.log);
  return false;
}

const refusals = new WeakMap<OriginPolicy, Sampler>();

function logRefusal(req: IncomingMessage, policy: OriginPolicy, log: Logger): void {
  const address = requestAddress(req, policy.trustProxy ?? false);
  const origin = String(req.headers.origin).slice(0, 200);
  let sampler = refusals.get(policy);
  if (!sampler) {
    sampler = createSampler();
    refusals.set(policy, sampler);
  }
  const taken = sampler.take(`${origin}|${address}`);
  if (!taken) return;
  const path = (req.url ?? '').split('?')[0];
  log.warn({ origin, address, path, ...(taken.skipped ? { skipped: taken.skipped } : {}) }, 'origin refused');
}

function originMatches(req: IncomingMessage, policy: OriginPolicy): boolean {
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
