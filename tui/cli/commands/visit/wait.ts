import { ApiError } from '../../../client/errors.js';
import type { ChatStart } from '../../../client/http-client.js';
import type { VisitorClient } from '../../../client/visitor-client.js';
import { isEndCommand, type LineInput } from './input.js';
import type { VisitOutput } from './output.js';

/** Answers of POST /api/chat/start that mean "not yet": keep waiting. */
const NOT_YET = new Set(['not_your_turn', 'no_agent_available']);

/** How often the place in the queue is polled (it also keeps the entry alive; the server drops it after 60 s). */
export const POLL_MS = 10_000;

/**
 * Waits in the queue: polls the place every POLL_MS and at once on `/queue` `queue:turn`, and starts
 * the chat when at the front with an agent online. Resolves null when the visitor leaves instead
 * (`/end`, end of input with nothing left to send, or `stop`).
 */
export async function waitForTurn(
  client: VisitorClient,
  input: LineInput,
  out: VisitOutput,
  stop: Promise<void>,
): Promise<ChatStart | null> {
  let turn = false;
  let wake = () => {};
  const queue = await client.onTurn(() => {
    turn = true;
    wake();
  });
  let stopped = false;
  void stop.then(() => {
    stopped = true;
    wake();
  });
  const leaving = () => stopped || input.done || input.pending.some(isEndCommand);
  try {
    for (;;) {
      if (leaving()) return null;
      const status = await client.status();
      out.progress(status);
      if (turn || (status.ahead === 0 && status.agentsOnline > 0)) {
        turn = false;
        try {
          return await client.start();
        } catch (e) {
          if (!(e instanceof ApiError && NOT_YET.has(e.code))) throw e;
        }
      }
      if (turn || leaving()) continue;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, POLL_MS);
        }),
        input.changed(),
      ]);
      clearTimeout(timer);
    }
  } finally {
    queue.close();
  }
}
