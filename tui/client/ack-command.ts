import type { Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/ack.js';
import { ApiError } from '../cli/errors.js';

/** Emits an acknowledged event: resolves with the `{ok: true}` answer, throws `ApiError` otherwise. */
export async function ackCommand<T extends object>(socket: Socket, timeoutMs: number, event: string, payload: unknown): Promise<T> {
  let answer: Ack<T>;
  try {
    answer = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    throw new ApiError(0, 'timeout', 'The server did not answer in time (connection lost?).');
  }
  if (!answer.ok) throw new ApiError(0, answer.error.code, answer.error.message);
  return answer;
}
