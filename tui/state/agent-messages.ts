import type { AgentMessage } from '../../server/protocol/models.js';

/** Another staff account as the TUI knows it (from GET /api/agents, or only from messages). */
export interface Colleague {
  username: string;
  name?: string;
  status?: 'online' | 'offline';
  connected?: boolean;
  openChats?: number;
  maxChats?: number;
}

export interface AgentMessagesState {
  /** The logged-in username: messages are grouped by the other party. */
  me: string;
  /** Every message sent or received, each once, oldest first. */
  messages: AgentMessage[];
  /** Cursor for GET /api/agent-messages?after=: the last id of a complete page, so polling never skips one. */
  cursor?: string;
  unread: Record<string, number>;
  selected: string | null;
  /** Agents known from the agents list (offline ones too), so a conversation can start with them. */
  colleagues: Record<string, Colleague>;
  /**
   * The account's read marker as the server last told it (the last message read, or null);
   * undefined until the server has said (nothing is marked read on the server before that).
   */
  readUpTo?: string | null;
}

/** The server's read marker: the last message read (or null) and how many received follow it. */
export interface ReadMarker {
  readUpTo: string | null;
  unread: number;
}

export type AgentMessagesAction =
  /**
   * A page from GET /api/agent-messages: `initial` pages are history (already read, unless `read`,
   * the server's marker, says which are not); `read` on a later page only ever marks more read.
   */
  | { type: 'agent-messages:page'; messages: AgentMessage[]; initial?: boolean; read?: ReadMarker }
  /** The server's read marker moved (this session's or another's doing): what it covers is read. */
  | { type: 'agent-messages:read'; read: ReadMarker }
  /** The cursor no longer exists on the server (its sender was deleted): poll from the start. */
  | { type: 'agent-messages:reset-cursor' }
  | { type: 'agent-message'; payload: AgentMessage }
  | { type: 'agent-messages:select'; username: string }
  | { type: 'agent-messages:step'; delta: 1 | -1 }
  | { type: 'colleagues'; list: Colleague[] };

export interface AgentMessagesContext {
  /** The agent is looking at the messages screen: the selected conversation is read. */
  viewing: boolean;
}

export const emptyAgentMessages = (me: string): AgentMessagesState => ({
  me,
  messages: [],
  unread: {},
  selected: null,
  colleagues: {},
});

export const peerOf = (me: string, m: AgentMessage): string => (m.from === me ? m.to : m.from);

const received = (s: AgentMessagesState, m: AgentMessage): boolean => m.to === s.me && m.from !== s.me;

/** Received messages per sender in `list`. */
function countBySender(s: AgentMessagesState, list: AgentMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of list) if (received(s, m)) counts[m.from] = (counts[m.from] ?? 0) + 1;
  return counts;
}

function add(s: AgentMessagesState, incoming: AgentMessage[], countUnread: boolean): AgentMessagesState {
  const seen = new Set(s.messages.map((m) => m.id));
  const fresh: AgentMessage[] = [];
  for (const m of incoming) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    fresh.push(m);
  }
  if (fresh.length === 0) return s;
  const unread = { ...s.unread };
  if (countUnread) for (const m of fresh) if (received(s, m)) unread[m.from] = (unread[m.from] ?? 0) + 1;
  const messages = [...s.messages, ...fresh].sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  return { ...s, messages, unread };
}

/**
 * Where the server's read marker should move now: the last received message before the first one
 * still unread here (a single marker cannot skip an unread conversation), if that is past the
 * marker the server has; undefined when there is nothing to move, or the marker is not known yet.
 */
export function readMarkerTarget(s: AgentMessagesState): string | undefined {
  if (s.readUpTo === undefined) return undefined;
  // Each sender's unread messages are their latest ones.
  const left = { ...s.unread };
  let firstUnread = s.messages.length;
  for (let i = s.messages.length - 1; i >= 0; i--) {
    const m = s.messages[i]!;
    if (received(s, m) && (left[m.from] ?? 0) > 0) {
      left[m.from]!--;
      firstUnread = i;
    }
  }
  let target = -1;
  for (let i = 0; i < firstUnread; i++) if (received(s, s.messages[i]!)) target = i;
  const marker = s.readUpTo === null ? -1 : s.messages.findIndex((m) => m.id === s.readUpTo);
  return target > marker ? s.messages[target]!.id : undefined;
}

/**
 * Applies the server's read marker. `fresh` (at start): exactly the received messages after the
 * marker are unread; without the marker among the messages (none read yet, or its message was
 * deleted with its sender), the last `unread` received ones. Later: the messages up to the marker
 * become read, none becomes unread (this session may have read more than the server knows yet).
 */
function applyMarker(s: AgentMessagesState, read: ReadMarker, fresh: boolean): AgentMessagesState {
  const at = read.readUpTo === null ? -1 : s.messages.findIndex((m) => m.id === read.readUpTo);
  if (fresh) {
    const all = s.messages.filter((m) => received(s, m));
    const unreadOnes = at !== -1 ? s.messages.slice(at + 1) : read.unread > 0 ? all.slice(-read.unread) : [];
    return { ...s, unread: countBySender(s, unreadOnes), readUpTo: read.readUpTo };
  }
  if (at === -1) return { ...s, readUpTo: read.readUpTo };
  const after = countBySender(s, s.messages.slice(at + 1));
  const unread: Record<string, number> = {};
  for (const [from, n] of Object.entries(s.unread)) {
    const left = Math.min(n, after[from] ?? 0);
    if (left > 0) unread[from] = left;
  }
  return { ...s, unread, readUpTo: read.readUpTo };
}

function read(s: AgentMessagesState, ctx: AgentMessagesContext): AgentMessagesState {
  if (!ctx.viewing || !s.selected || !s.unread[s.selected]) return s;
  const { [s.selected]: _read, ...unread } = s.unread;
  return { ...s, unread };
}

export function agentMessagesReducer(
  s: AgentMessagesState,
  a: AgentMessagesAction,
  ctx: AgentMessagesContext = { viewing: true },
): AgentMessagesState {
  let next: AgentMessagesState;
  switch (a.type) {
    case 'agent-messages:page': {
      next = add(s, a.messages, !a.initial);
      const last = a.messages[a.messages.length - 1];
      if (last) next = { ...next, cursor: last.id };
      if (a.read) next = applyMarker(next, a.read, Boolean(a.initial));
      break;
    }
    case 'agent-messages:read':
      next = applyMarker(s, a.read, false);
      break;
    case 'agent-messages:reset-cursor':
      next = { ...s, cursor: undefined };
      break;
    case 'agent-message':
      next = add(s, [a.payload], true);
      break;
    case 'agent-messages:select':
      next = a.username === s.me ? s : { ...s, selected: a.username };
      break;
    case 'agent-messages:step': {
      const list = conversations(s).map((c) => c.username);
      if (list.length === 0) return s;
      const at = s.selected ? list.indexOf(s.selected) : -1;
      const to = at === -1 ? 0 : Math.min(list.length - 1, Math.max(0, at + a.delta));
      next = { ...s, selected: list[to]! };
      break;
    }
    case 'colleagues': {
      const colleagues: Record<string, Colleague> = {};
      for (const c of a.list) if (c.username !== s.me) colleagues[c.username] = c;
      next = { ...s, colleagues };
      break;
    }
  }
  if (!next.selected) {
    const first = conversations(next)[0];
    if (first) next = { ...next, selected: first.username };
  }
  return read(next, ctx);
}

/** Marks the selected conversation read (when the agent opens the messages screen). */
export const markConversationRead = (s: AgentMessagesState): AgentMessagesState => read(s, { viewing: true });

export interface Conversation {
  username: string;
  name?: string;
  status?: 'online' | 'offline';
  connected?: boolean;
  unread: number;
  last?: AgentMessage;
}

/**
 * One entry per other agent: those with messages (latest first), then the rest of the known agents
 * by username, so offline agents can be written to as well.
 */
export function conversations(s: AgentMessagesState): Conversation[] {
  const last = new Map<string, AgentMessage>();
  for (const m of s.messages) last.set(peerOf(s.me, m), m);
  const names = new Set([...last.keys(), ...Object.keys(s.colleagues)]);
  if (s.selected) names.add(s.selected);
  names.delete(s.me);
  const list = [...names].map((username) => {
    const c = s.colleagues[username];
    return {
      username,
      name: c?.name,
      status: c?.status,
      connected: c?.connected,
      unread: s.unread[username] ?? 0,
      last: last.get(username),
    };
  });
  return list.sort((a, b) => {
    const at = a.last?.sentAt ?? '';
    const bt = b.last?.sentAt ?? '';
    if (at !== bt) return at < bt ? 1 : -1;
    return a.username < b.username ? -1 : 1;
  });
}

export const thread = (s: AgentMessagesState, username: string | null): AgentMessage[] =>
  username ? s.messages.filter((m) => peerOf(s.me, m) === username) : [];

export const totalAgentUnread = (s: AgentMessagesState): number => Object.values(s.unread).reduce((n, k) => n + k, 0);
