import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { requestAddress } from '../http/client-address.js';
import { createSampler, type Sampler } from '../log.js';
import { refusalReason } from '../security/tokens.js';

const seq = z.number().int().min(0);
/** Handshake `auth` fields besides the token (added to the contract; invalid values are ignored). */
const agentAuth = z.object({ passive: z.boolean().optional(), since: z.record(z.string().max(64), seq).optional() });
const visitorAuth = z.object({ since: seq.optional() });

// biome-ignore lint/suspicious/noExplicitAny: any namespace, whatever its event maps
type AnyNamespace = Namespace<any, any, any, any>;
type SocketOf<N> = N extends Namespace<infer L, infer E, infer S, infer D> ? Socket<L, E, S, D> : never;
type Handshaken = Pick<Socket, 'handshake'>;

const raw = (socket: Handshaken) => (socket.handshake.auth ?? {}) as Record<string, unknown>;

export const tokenOf = (socket: Handshaken): string | undefined => {
  const t = raw(socket).token;
  return typeof t === 'string' ? t : undefined;
};

/** `passive`: receive without becoming routable; `since`: per chat, the last message number seen. */
export function agentHandshake(socket: Handshaken): { passive: boolean; since: Record<string, number> } {
  const r = agentAuth.safeParse({ passive: raw(socket).passive, since: raw(socket).since });
  return { passive: r.success ? r.data.passive === true : false, since: (r.success && r.data.since) || {} };
}

/** `since`: the last message number the visitor has seen. */
export function visitorHandshake(socket: Handshaken): { since: number } {
  const r = visitorAuth.safeParse({ since: raw(socket).since });
  return { since: (r.success && r.data.since) || 0 };
}

/** Where a namespace's refused handshakes are reported: set by the composition root. */
const refusalLogs = new WeakMap<AnyNamespace, { log: Logger; trustProxy: boolean; sampler: Sampler }>();

/**
 * Refused handshakes of `nsp` are logged (namespace, reason, address; never the token), at most
 * once a minute per address and reason.
 */
export function logHandshakeRefusals(nsp: AnyNamespace, o: { log: Logger; trustProxy: boolean }): void {
  refusalLogs.set(nsp, { ...o, sampler: createSampler() });
}

function logRefusal(nsp: AnyNamespace, socket: Socket, reason: string): void {
  const to = refusalLogs.get(nsp);
  if (!to) return;
  const address = requestAddress(socket.request, to.trustProxy);
  const taken = to.sampler.take(`${address}|${reason}`);
  if (!taken) return;
  const skipped = taken.skipped ? { skipped: taken.skipped } : {};
  to.log.warn({ namespace: nsp.name, reason, address, ...skipped }, 'handshake refused');
}

/**
 * Verifies the handshake token of a namespace; `accept` stores what the connection needs from the
 * claims. A bad token is refused with `connect_error` "unauthorized".
 */
export function requireToken<N extends AnyNamespace, C>(
  nsp: N,
  verify: (token: string) => Promise<C>,
  accept: (socket: SocketOf<N>, claims: C) => void,
): void {
  nsp.use(async (socket, next) => {
    const token = tokenOf(socket);
    try {
      accept(socket as SocketOf<N>, await verify(token ?? ''));
      next();
    } catch (e) {
      logRefusal(nsp, socket, token ? refusalReason(e) : 'missing');
      next(new Error('unauthorized'));
    }
  });
}
