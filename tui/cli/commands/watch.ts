import { AGENT_WORK_EVENTS } from '../../../server/protocol/events.js';
import { AgentSocket } from '../../client/agent-socket.js';
import { openSession } from '../../client/session.js';
import { CliError } from '../errors.js';
import { eventLine, exitSoon, onStopSignal, writeLine } from './json-lines.js';

/** What `watch` prints: every /agent server event, plus `connection` lines of its own. */
export const WATCH_EVENTS = [
  ...AGENT_WORK_EVENTS,
  'offline-message',
  'chat:presence',
  'chat:typing',
  'chat:rated',
  'connection',
] as const;

export interface WatchOptions {
  server?: string;
  events?: string;
}

/** `--events a,b` → the set to keep (undefined: keep all). Unknown names are a usage error. */
export function parseEvents(raw: string | undefined): Set<string> | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new CliError('--events needs at least one event name', 2);
  const known = new Set<string>(WATCH_EVENTS);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    const list = unknown.map((n) => `"${n}"`).join(', ');
    throw new CliError(`unknown event ${list} (known: ${WATCH_EVENTS.join(', ')})`, 2);
  }
  return new Set(names);
}

export type ConnectionLine = { connected: boolean; error?: string };

/**
 * Prints every event of a PASSIVE /agent connection as a JSON line until SIGINT/SIGTERM. Passive:
 * watching never makes the account routable, so a script can watch without receiving chats.
 */
export async function run(o: WatchOptions): Promise<void> {
  const keep = parseEvents(o.events);
  const { client, server } = openSession(o.server);
  const emit = (event: string, data: unknown) => {
    if (!keep || keep.has(event)) writeLine(eventLine(event, data));
  };
  const agent = new AgentSocket({ server, token: client.token!, passive: true });
  try {
    await new Promise<void>((resolve, reject) => {
      let last = '';
      const connection = (state: ConnectionLine) => {
        const key = JSON.stringify(state);
        if (key === last) return; // a server that stays down is one line, not one per retry
        last = key;
        emit('connection', state);
      };
      agent.socket.onAny((event: string, data: unknown) => emit(event, data));
      agent.socket.on('connect', () => connection({ connected: true }));
      agent.socket.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return; // closed on purpose (SIGINT)
        connection({ connected: false });
        // The server closed it (logout, account deleted): try again; a refused token ends the watch.
        if (reason === 'io server disconnect') agent.socket.connect();
      });
      agent.socket.on('connect_error', (err: Error) => {
        if (err.message === 'unauthorized') {
          stop();
          reject(new CliError(`${server} refused the token (unauthorized): run switchboard login`));
          return;
        }
        connection({ connected: false, error: err.message });
      });
      const stop = onStopSignal(() => {
        stop();
        resolve();
      });
    });
  } finally {
    agent.close();
    exitSoon();
  }
}
