import type { Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/ack.js';
import type { CommandHandlers } from '../../server/protocol/events.js';
import { ApiError } from './errors.js';

/** Acknowledged commands by event, as `AgentCommands` / `VisitorCommands`: the payload and the ack's answer. */
export type CommandMap<C> = { [K in keyof C]: { payload: object; reply: object } };

/** A socket that emits the commands of `C` (what it listens to does not matter here). */
// biome-ignore lint/suspicious/noExplicitAny: whatever the socket listens to
export type CommandSocket<C extends CommandMap<C>> = Socket<any, CommandHandlers<C>>;

/**
 * Emits the acknowledged command `event` of `C`: resolves with the `{ok: true}` answer, throws `ApiError`
 * otherwise. E.g. `ackCommand<AgentCommands, 'chat:end'>(socket, 10_000, 'chat:end', { chatId })`.
 */
export async function ackCommand<C extends CommandMap<C>, K extends keyof C & string>(
  socket: CommandSocket<C>,
  timeoutMs: number,
  event: K,
  payload: C[K]['payload'],
): Promise<C[K]['reply']> {
  // The signature above is what checks the event, payload and reply against the contract: Socket.IO's
  // own conditional types cannot be resolved for a generic `K`, so the emit itself goes untyped.
  const untyped: Socket = socket;
  let answer: Ack<C[K]['reply']>;
  try {
    answer = await untyped.timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    throw new ApiError(0, 'timeout', 'The server did not answer in time (connection lost?).');
  }
  if (!answer.ok) throw new ApiError(0, answer.error.code, answer.error.message);
  return answer;
}
