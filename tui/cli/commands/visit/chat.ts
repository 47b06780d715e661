import { randomUUID } from 'node:crypto';
import type { VisitorEvents } from '../../../../server/protocol/events.js';
import type { ChatMessage } from '../../../../server/protocol/models.js';
import { ApiError } from '../../../client/errors.js';
import type { ChatStart } from '../../../client/http-client.js';
import type { VisitorClient, VisitorSocket } from '../../../client/visitor-client.js';
import { CliError } from '../../errors.js';
import { isEndCommand, type LineInput } from './input.js';
import type { VisitOutput } from './output.js';

type Ended = VisitorEvents['chat:ended']['by'] | undefined;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Seconds named by a rate-limit message ("try again in 2 s"), else one second. */
export const retryDelayMs = (message: string) => 1000 * Math.max(1, Number(/in (\d+) s/.exec(message)?.[1] ?? 1));

/**
 * The chat itself: every input line is sent in order and acknowledged (rate limits are waited out,
 * a lost connection is waited for, so no line is lost); incoming events are printed. Ends on
 * `/end`, end of input or `stop` (the visitor ends the chat), or when the agent ends it.
 */
export async function runChat(
  client: VisitorClient,
  start: ChatStart,
  input: LineInput,
  out: VisitOutput,
  stop: Promise<void>,
): Promise<void> {
  const sock = client.chat(start.userToken);
  const seen = new Set<string>();
  let agentName = start.agent?.name ?? null;
  let endedBy: { by: Ended } | undefined;
  let onEnded = () => {};
  const ended = new Promise<'ended'>((resolve) => (onEnded = () => resolve('ended')));
  let refused: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (refused = reject));
  failed.catch(() => {});

  const show = (m: ChatMessage) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    out.message(m);
  };
  const end = (by: Ended) => {
    if (endedBy) return;
    endedBy = { by };
    out.ended(by, agentName);
    onEnded();
  };
  const newAgent = (name: string) => {
    if (name === agentName) return;
    agentName = name;
    out.agent({ name });
  };

  sock.on('chat:history', (h) => {
    out.history(h);
    h.transcript.forEach(show);
    if (h.status === 'ended') return end(undefined);
    if (h.agent) newAgent(h.agent.name);
    if (h.status === 'queued') out.queued({ ahead: h.ahead ?? 0 });
  });
  sock.on('chat:message', show);
  sock.on('chat:agent', (a) => newAgent(a.name));
  sock.on('chat:queued', (q) => out.queued(q));
  sock.on('chat:ended', (e) => end(e.by));
  sock.onConnection((state) => {
    if (state.error === 'unauthorized') {
      return refused(new CliError('the server refused the chat token (unauthorized)'));
    }
    out.connection(state);
  });

  const connectedAgain = () => new Promise<void>((resolve) => sock.socket.once('connect', () => resolve()));

  /** Sends one line; resolves false when the chat has ended. */
  const deliver = async (body: string): Promise<boolean> => {
    const clientMsgId = randomUUID(); // the same for every retry of this line: stored once
    for (;;) {
      if (endedBy) return false;
      if (!sock.connected) {
        const next = await Promise.race([connectedAgain(), ended, failed, stop.then(() => 'stop' as const)]);
        if (next === 'ended') return false;
        if (next === 'stop') return true; // leaving: the loop sees the stop next
        continue;
      }
      try {
        show(await sock.send(body, clientMsgId));
        return true;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 'rate_limited') await sleep(retryDelayMs(e.message));
        else if (e.code === 'gone') return false;
        else if (e.code !== 'timeout') {
          out.notSent(body, e); // e.g. too long: this line cannot be sent, the next ones can
          return true;
        }
      }
    }
  };

  try {
    for (;;) {
      const line = await Promise.race([input.next(), ended, stop.then(() => 'stop' as const), failed]);
      if (line === 'ended') return;
      if (line === null || line === 'stop' || isEndCommand(line)) break;
      if (line.trim() === '') continue;
      if (!(await deliver(line))) {
        await briefly(ended);
        return end(undefined); // the chat ended before chat:ended arrived
      }
    }
    await leave(sock, ended, failed);
    end('visitor'); // when the server's chat:ended did not arrive in time
  } finally {
    sock.close();
  }
}

/** Ends the chat as the visitor and waits (briefly) for the server's chat:ended. */
async function leave(sock: VisitorSocket, ended: Promise<'ended'>, failed: Promise<never>): Promise<void> {
  if (!sock.connected) {
    const connected = new Promise<void>((r) => sock.socket.once('connect', () => r()));
    await briefly(Promise.race([connected, ended, failed]), 5000);
  }
  try {
    await sock.end();
  } catch (e) {
    if (!(e instanceof ApiError && (e.code === 'gone' || e.code === 'timeout'))) throw e;
  }
  await briefly(ended);
}

/** Waits for `p`, at most `ms`. */
async function briefly(p: Promise<unknown>, ms = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
