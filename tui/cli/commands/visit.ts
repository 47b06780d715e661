import { VisitorClient } from '../../client/visitor-client.js';
import { openAnonymous } from '../../client/session.js';
import { CliError } from '../errors.js';
import { exitSoon, onStopSignal } from './json-lines.js';
import { runChat } from './visit/chat.js';
import { LineInput } from './visit/input.js';
import { humanOutput, jsonOutput } from './visit/output.js';
import { waitForTurn } from './visit/wait.js';

export interface VisitOptions {
  server?: string;
  name: string;
  json?: boolean;
}

/**
 * A visitor in the terminal (for tests and demos): join the queue, wait for an agent, chat through
 * standard input and output. No login: visitors are anonymous.
 */
export async function run(o: VisitOptions): Promise<void> {
  if (o.name.trim() === '') throw new CliError('--name must not be empty', 2);
  const { server } = openAnonymous(o.server);
  const out = o.json ? jsonOutput() : humanOutput();
  const input = new LineInput(process.stdin);
  let onStop = () => {};
  const stop = new Promise<void>((resolve) => (onStop = resolve));
  const offSignal = onStopSignal(() => onStop());
  const client = new VisitorClient(server);
  try {
    const joined = await client.join(o.name);
    out.joined(o.name.trim(), joined.ahead);
    const start = await waitForTurn(client, input, out, stop);
    if (!start) {
      await client.leave().catch(() => {}); // already gone from the queue: nothing to leave
      out.left();
      return;
    }
    out.started(start);
    input.eraseEcho = !o.json && Boolean(process.stdin.isTTY && process.stdout.isTTY);
    await runChat(client, start, input, out, stop);
  } finally {
    offSignal();
    input.close();
    exitSoon();
  }
}
