import type { AgentEvents } from '../../server/protocol/events.js';
import type { OfflineMessage, OfflineMessageStatus } from '../../server/protocol/offline-messages.js';

/** Which left messages the inbox lists. */
export type InboxFilter = OfflineMessageStatus | 'all';

export const INBOX_FILTERS: readonly InboxFilter[] = ['open', 'answered', 'closed', 'all'];

/** The inbox: the messages visitors left (contract v2, "Leave a message"), and how many are open. */
export interface InboxState {
  filter: InboxFilter;
  /** Newest first; null until fetched for this filter. */
  messages: OfflineMessage[] | null;
  selected: string | null;
  /** Open messages on the server (the header's count); null until known. */
  open: number | null;
  error?: string;
  /** Rows the selected message is scrolled forward. */
  scroll: number;
}

export type InboxAction =
  | { type: 'inbox:count'; open: number }
  | { type: 'inbox:loaded'; filter: InboxFilter; messages: OfflineMessage[] }
  | { type: 'inbox:failed'; error: string }
  | { type: 'inbox:filter' }
  | { type: 'inbox:step'; delta: 1 | -1 }
  | { type: 'inbox:scroll'; delta: number; max: number }
  /** The message as the server has it now (after a reply). */
  | { type: 'inbox:updated'; message: OfflineMessage }
  | { type: 'inbox:closed'; id: string };

export const emptyInbox: InboxState = { filter: 'open', messages: null, selected: null, open: null, scroll: 0 };

const shows = (filter: InboxFilter, m: OfflineMessage) => filter === 'all' || filter === m.status;

export function selectedMessage(s: InboxState): OfflineMessage | undefined {
  return s.messages?.find((m) => m.id === s.selected);
}

/** A visitor left a message: one more open, and at the top of a list that shows open ones. */
export function inboxOnLeft(s: InboxState, p: AgentEvents['offline-message']): InboxState {
  const m = p.message;
  if (s.messages?.some((x) => x.id === m.id)) return s;
  const open = s.open === null ? null : s.open + 1;
  if (!s.messages || !shows(s.filter, m)) return { ...s, open };
  return { ...s, open, messages: [m, ...s.messages], selected: s.selected ?? m.id };
}

export function inboxReducer(s: InboxState, a: InboxAction): InboxState {
  switch (a.type) {
    case 'inbox:count':
      return { ...s, open: a.open };
    case 'inbox:loaded': {
      if (a.filter !== s.filter) return s;
      const selected = a.messages.some((m) => m.id === s.selected) ? s.selected : (a.messages[0]?.id ?? null);
      // A full page (the server's default limit, 100) may not be all of them: the count keeps its own.
      const open = a.filter === 'open' && a.messages.length < 100 ? a.messages.length : s.open;
      return {
        ...s,
        messages: a.messages,
        selected,
        open,
        error: undefined,
        scroll: selected === s.selected ? s.scroll : 0,
      };
    }
    case 'inbox:failed':
      return { ...s, error: a.error };
    case 'inbox:filter': {
      const filter = INBOX_FILTERS[(INBOX_FILTERS.indexOf(s.filter) + 1) % INBOX_FILTERS.length]!;
      return { ...s, filter, messages: null, error: undefined, scroll: 0 };
    }
    case 'inbox:step': {
      const list = s.messages ?? [];
      if (list.length === 0) return s;
      const at = list.findIndex((m) => m.id === s.selected);
      const to = Math.min(list.length - 1, Math.max(0, at + a.delta));
      return { ...s, selected: list[to]!.id, scroll: 0 };
    }
    case 'inbox:scroll':
      return { ...s, scroll: Math.min(Math.max(0, a.max), Math.max(0, s.scroll + a.delta)) };
    case 'inbox:updated':
      // It stays in view (with its reply) until the list is fetched again.
      return { ...s, messages: s.messages?.map((m) => (m.id === a.message.id ? a.message : m)) ?? null };
    case 'inbox:closed':
      return {
        ...s,
        messages: s.messages?.map((m) => (m.id === a.id ? { ...m, status: 'closed' as const } : m)) ?? null,
      };
  }
}

/** The first line of a text, for one-row lists. */
export const firstLine = (text: string): string => text.split('\n').find((l) => l.trim() !== '') ?? '';
