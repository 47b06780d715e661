import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { OutEvent } from '../app/events.js';
import { describeIssue } from '../http/validate.js';
import type { Ack } from '../protocol/ack.js';
import { AppError, toErrorBody } from '../protocol/errors.js';

/** A command's answer (sent through the ack) and the events to publish after it. */
export interface Handled<R extends object> {
  reply: R;
  events?: OutEvent[];
}

/** The handler of each command of a namespace: its parsed payload in, its answer and events out. */
export type CommandHandlers<S extends Record<string, z.ZodType>, C extends { [E in keyof S]: { reply: object } }> = {
  [E in keyof S]: (payload: z.output<S[E]>) => Promise<Handled<C[E]['reply']>>;
};

/** A socket of any namespace, as the wrappers below see it: payloads are untrusted until parsed. */
// biome-ignore lint/suspicious/noExplicitAny: a socket of any namespace, whatever its event maps
type AnySocket = Socket<any, any, any, any>;
interface Untyped {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  listeners(event: string): unknown[];
}

/**
 * Registers the commands of a socket: validate the payload, run the handler, answer through the
 * ack, then publish the handler's events (after the ack, so the ack arrives first). Errors become
 * `{ok:false, error}`; nothing a client sends can crash the server or go unanswered.
 */
export function serveCommands<S extends Record<string, z.ZodType>, C extends { [E in keyof S]: { reply: object } }>(
  socket: AnySocket,
  o: { schemas: S; handlers: CommandHandlers<S, C>; log: Logger; publish: (events: OutEvent[]) => void },
): void {
  const untyped = socket as unknown as Untyped;
  for (const event of Object.keys(o.schemas) as (keyof S & string)[]) {
    untyped.on(event, async (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (a: Ack) => void) : undefined;
      // `emit(event, ack)` carries no payload: the ack is not the payload.
      const payload = args.length > (ack ? 1 : 0) ? args[0] : undefined;
      let answer: Ack;
      let events: OutEvent[] = [];
      try {
        const parsed = o.schemas[event]!.safeParse(payload ?? {});
        if (!parsed.success) throw new AppError('invalid_request', describeIssue(parsed.error));
        const handled = await o.handlers[event](parsed.data as z.output<S[typeof event]>);
        answer = { ok: true, ...handled.reply };
        events = handled.events ?? [];
      } catch (e) {
        if (!(e instanceof AppError)) o.log.error({ err: e, event }, 'socket handler failed');
        answer = { ok: false, ...toErrorBody(e) };
      }
      ack?.(answer);
      if (events.length) setImmediate(() => o.publish(events));
    });
  }
  answerUnknownEvents(socket);
}

/**
 * Answers an acknowledged event that has no handler with `invalid_request`, so a client waiting on
 * its ack is never left in silence. Call after the handlers are registered.
 */
export function answerUnknownEvents(socket: AnySocket): void {
  const untyped = socket as unknown as Untyped;
  untyped.onAny((event: string, ...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last !== 'function' || untyped.listeners(event).length > 0) return;
    (last as (a: Ack) => void)({ ok: false, error: { code: 'invalid_request', message: `Unknown event "${event}".` } });
  });
}

/**
 * The sender's own socket already has the message in its ack: it is not sent the same message
 * again (its other sessions still are).
 */
export const exceptSender = (events: OutEvent[], socketId: string): OutEvent[] =>
  events.map((e) => ('event' in e && e.event === 'chat:message' ? { ...e, except: socketId } : e));
