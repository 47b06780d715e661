import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';

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
    try {
      accept(socket as SocketOf<N>, await verify(tokenOf(socket) ?? ''));
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });
}
