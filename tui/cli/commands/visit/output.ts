import type { VisitorEvents } from '../../../../server/protocol/events.js';
import type { ChatMessage } from '../../../../server/protocol/models.js';
import type { ApiError } from '../../../client/errors.js';
import type { ChatStart, QueueStatus } from '../../../client/http-client.js';
import type { ConnectionState } from '../../../client/visitor-client.js';
import { clean } from '../../io.js';
import { clock, messageText } from '../chats/format.js';
import { eventLine, writeLine } from '../json-lines.js';

type By = VisitorEvents['chat:ended']['by'] | undefined;

/** What `switchboard visit` tells its user; text for people, JSON lines with --json. */
export interface VisitOutput {
  joined(name: string, ahead: number | undefined): void;
  progress(s: QueueStatus): void;
  started(s: ChatStart): void;
  left(): void;
  /** Raw chat:history (JSON only: people see its messages through `message`). */
  history(h: VisitorEvents['chat:history']): void;
  message(m: ChatMessage): void;
  agent(a: { name: string }): void;
  queued(q: { ahead: number }): void;
  ended(by: By, agentName: string | null): void;
  connection(state: ConnectionState): void;
  notSent(body: string, e: ApiError): void;
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'} ahead`;
const agents = (n: number) => `${n} ${n === 1 ? 'agent' : 'agents'} online`;
/** The waiting line: `3 people ahead · 2 agents online`. */
export const progressText = (s: QueueStatus) => `${people(s.ahead)} · ${agents(s.agentsOnline)}`;

const INDENT = ' '.repeat('[HH:MM] '.length);

/** For people: the chat on stdout, the waiting line and troubles on stderr. */
export function humanOutput(stderrIsTTY = Boolean(process.stderr.isTTY)): VisitOutput {
  let last = '';
  let progressOpen = false;
  let lost = false;
  const err = (line: string) => {
    endProgress();
    process.stderr.write(`${line}\n`);
  };
  const endProgress = () => {
    if (progressOpen) process.stderr.write('\n');
    progressOpen = false;
  };
  const say = (line: string) => {
    endProgress();
    writeLine(line);
  };
  return {
    joined: (name) => err(`joined the queue as ${clean(name)}`),
    progress(s) {
      const line = progressText(s);
      if (line === last) return;
      last = line;
      if (stderrIsTTY) {
        process.stderr.write(`\r\x1b[2K${line}`); // one line, updated in place
        progressOpen = true;
      } else process.stderr.write(`${line}\n`);
    },
    started: (s) => say(s.agent ? `* chatting with ${clean(s.agent.name)}` : '* waiting for an agent'),
    left: () => err('left the queue'),
    history: () => {},
    message: (m) =>
      say(m.from.role === 'system' ? messageText(m, INDENT) : `[${clock(m.sentAt)}] ${messageText(m, INDENT)}`),
    agent: (a) => say(`* now chatting with ${clean(a.name)}`),
    queued: (q) => say(`* back in the queue: ${people(q.ahead)}`),
    ended: (by, agentName) =>
      say(
        by === 'visitor'
          ? '* you ended the chat'
          : by === 'agent'
            ? `* ${clean(agentName ?? 'the agent')} ended the chat`
            : '* the chat has ended',
      ),
    connection(state) {
      if (!state.connected && !lost) {
        err(`connection lost${state.error ? ` (${clean(state.error)})` : ''}; reconnecting…`);
      } else if (state.connected && lost) err('reconnected');
      lost = !state.connected;
    },
    notSent: (body, e) => err(`not sent (${e.code}): ${clean(e.message)} ${JSON.stringify(clean(body.slice(0, 40)))}`),
  };
}

/** For scripts: one JSON object per line on stdout. */
export function jsonOutput(): VisitOutput {
  let last = '';
  let chatId: string | undefined;
  const emit = (event: string, data: unknown) => writeLine(eventLine(event, data));
  return {
    joined: (name, ahead) => emit('queue:joined', { name, ...(ahead !== undefined ? { ahead } : {}) }),
    progress(s) {
      const key = JSON.stringify(s);
      if (key !== last) emit('queue:status', s);
      last = key;
    },
    started(s) {
      chatId = s.chatId;
      emit('chat:started', { chatId: s.chatId, agent: s.agent });
    },
    left: () => emit('queue:left', {}),
    history: (h) => emit('chat:history', h),
    message: (m) => emit('chat:message', m),
    agent: (a) => emit('chat:agent', a),
    queued: (q) => emit('chat:queued', q),
    ended: (by) => emit('chat:ended', { chatId, by: by ?? null }),
    connection: (state) => emit('connection', state),
    notSent: (body, e) => emit('send:failed', { body, error: { code: e.code, message: e.message } }),
  };
}
