import type { Socket } from 'socket.io';
import type { OutEvent } from '../app/events.js';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { AppError, toErrorBody } from '../protocol/errors.js';
import type { Ack } from '../protocol/ack.js';
import { describeIssue } from '../http/validate.js';

/**
 * Registers a socket event: validate the payload, run the use case, answer through the ack.
 * Errors become `{ok:false, error}`; nothing a client sends can crash the server or go unanswered.
 */
export function on<S extends z.ZodType, R extends object>(
  socket: Socket,
  log: Logger,
  event: string,
  schema: S,
  run: (payload: z.infer<S>) => Promise<R>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (a: Ack) => void) : undefined;
    // `emit(event, ack)` carries no payload: the ack is not the payload.
    const payload = args.length > (ack ? 1 : 0) ? args[0] : undefined;
    let answer: Ack;
    try {
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) throw new AppError('invalid_request', describeIssue(parsed.error));
      answer = { ok: true, ...(await run(parsed.data)) };
    } catch (e) {
      if (!(e instanceof AppError)) log.error({ err: e, event }, 'socket handler failed');
      answer = { ok: false, ...toErrorBody(e) };
    }
    ack?.(answer);
  });
}

/**
 * Answers an acknowledged event that has no handler with `invalid_request`, so a client waiting on
 * its ack is never left in silence. Call after the handlers are registered.
 */
export function answerUnknownEvents(socket: Socket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last !== 'function' || socket.listeners(event).length > 0) return;
    (last as (a: Ack) => void)({ ok: false, error: { code: 'invalid_request', message: `Unknown event "${event}".` } });
  });
}

/**
 * The sender's own socket already has the message in its ack: it is not sent the same message
 * again (its other sessions still are).
 */
export const exceptSender = (events: OutEvent[], socketId: string): OutEvent[] =>
  events.map((e) => ('event' in e && e.event === 'chat:message' ? { ...e, except: socketId } : e));
