import type { AgentEvents } from '../../server/protocol/events.js';
import type { AgentView, Me, Status } from '../../server/protocol/models.js';
import {
  agentMessagesReducer,
  emptyAgentMessages,
  markConversationRead,
  type AgentMessagesAction,
  type AgentMessagesState,
} from './agent-messages.js';
import { chatsReducer, emptyChats, markSelectedRead, type ChatsAction, type ChatsState } from './chats.js';
import { emptyInbox, inboxOnLeft, inboxReducer, type InboxAction, type InboxState } from './inbox.js';
import {
  agentMessageNotice,
  assignedNotice,
  endedNotice,
  offlineMessageNotice,
  ratedNotice,
  removedNotice,
  type Notice,
  type NoticeText,
} from './notices.js';

export type View = 'chats' | 'messages' | 'admin' | 'inbox';

export interface Connection {
  state: 'connecting' | 'connected' | 'reconnecting' | 'refused';
  /** Failed attempts since the connection was last up. */
  attempts: number;
  error?: string;
}

/** Everything the signed-in TUI shows, fed by socket events, HTTP answers and keys. */
export interface SessionState {
  me: Me;
  view: View;
  connection: Connection;
  chats: ChatsState;
  agentMessages: AgentMessagesState;
  /** The messages visitors left, and how many are open (the header's count). */
  inbox: InboxState;
  notice: Notice | null;
  /** Counts events that ring the terminal bell (new chat, transfer in, requeue). */
  bells: number;
}

export type SessionAction =
  | ChatsAction
  | AgentMessagesAction
  | InboxAction
  | { type: 'chat:rated'; payload: AgentEvents['chat:rated'] }
  | { type: 'offline-message'; payload: AgentEvents['offline-message'] }
  | { type: 'me'; me: Me }
  | { type: 'agent:status'; payload: { status: Status } }
  | { type: 'agent:updated'; payload: AgentView }
  | { type: 'connection'; connected: boolean; error?: string }
  | { type: 'view'; view: View }
  /** `bell`: rings (and notifies) like a new chat does. */
  | { type: 'notice'; text: string; level?: Notice['level']; bell?: boolean };

export function initialSession(me: Me): SessionState {
  return {
    me,
    view: 'chats',
    connection: { state: 'connecting', attempts: 0 },
    chats: emptyChats,
    agentMessages: emptyAgentMessages(me.username),
    inbox: emptyInbox,
    notice: null,
    bells: 0,
  };
}

function notify(s: SessionState, n: NoticeText): SessionState {
  return { ...s, notice: { ...n, id: (s.notice?.id ?? 0) + 1 } };
}

export function sessionReducer(s: SessionState, a: SessionAction): SessionState {
  const chatsCtx = { viewing: s.view === 'chats' };
  const messagesCtx = { viewing: s.view === 'messages' };
  switch (a.type) {
    case 'chats:open':
    case 'chat:message':
    case 'chat:select':
    case 'chat:step':
    case 'chat:close':
    case 'chat:presence':
    case 'chat:typing':
      return { ...s, chats: chatsReducer(s.chats, a, chatsCtx) };
    case 'chat:assigned': {
      const isNew = !s.chats.byId[a.payload.chatId];
      const next = { ...s, chats: chatsReducer(s.chats, a, chatsCtx) };
      // chats:open and chat:assigned may both carry a chat right after connecting: announce it once.
      return isNew ? { ...notify(next, assignedNotice(a.payload)), bells: s.bells + 1 } : next;
    }
    case 'chat:ended': {
      const chat = s.chats.byId[a.payload.chatId];
      if (!chat || chat.ended) return s;
      return notify({ ...s, chats: chatsReducer(s.chats, a, chatsCtx) }, endedNotice(chat.visitor.name, a.payload.by));
    }
    case 'chat:removed': {
      const chat = s.chats.byId[a.payload.chatId];
      if (!chat) return s;
      return notify(
        { ...s, chats: chatsReducer(s.chats, a, chatsCtx) },
        removedNotice(chat.visitor.name, a.payload.reason),
      );
    }
    case 'chat:rated':
      return notify(s, ratedNotice(s.chats.byId[a.payload.chatId]?.visitor.name ?? 'A visitor', a.payload));
    case 'offline-message':
      return {
        ...notify({ ...s, inbox: inboxOnLeft(s.inbox, a.payload) }, offlineMessageNotice(a.payload)),
        bells: s.bells + 1,
      };
    case 'inbox:count':
    case 'inbox:loaded':
    case 'inbox:failed':
    case 'inbox:filter':
    case 'inbox:step':
    case 'inbox:scroll':
    case 'inbox:updated':
    case 'inbox:closed':
      return { ...s, inbox: inboxReducer(s.inbox, a) };
    case 'agent-message': {
      const m = a.payload;
      const before = s.agentMessages.messages.length;
      const agentMessages = agentMessagesReducer(s.agentMessages, a, messagesCtx);
      const next = { ...s, agentMessages };
      const incoming = agentMessages.messages.length > before && m.from !== s.me.username;
      const seen = messagesCtx.viewing && agentMessages.selected === m.from;
      if (!incoming || seen) return next;
      const name = agentMessages.colleagues[m.from]?.name ?? m.from;
      return notify(next, agentMessageNotice(m.from, name));
    }
    case 'agent-messages:page':
    case 'agent-messages:read':
    case 'agent-messages:reset-cursor':
    case 'agent-messages:select':
    case 'agent-messages:step':
    case 'colleagues':
      return { ...s, agentMessages: agentMessagesReducer(s.agentMessages, a, messagesCtx) };
    case 'me':
      return { ...s, me: a.me };
    case 'agent:status':
      return { ...s, me: { ...s.me, status: a.payload.status } };
    case 'agent:updated':
      return a.payload.username === s.me.username
        ? { ...s, me: { ...s.me, name: a.payload.name, maxChats: a.payload.maxChats } }
        : s;
    case 'connection': {
      if (a.connected) return { ...s, connection: { state: 'connected', attempts: 0 } };
      if (a.error === 'unauthorized')
        return { ...s, connection: { state: 'refused', attempts: s.connection.attempts, error: a.error } };
      const attempts = s.connection.state === 'connected' ? 0 : s.connection.attempts + (a.error ? 1 : 0);
      return {
        ...s,
        connection: {
          state: s.connection.state === 'connecting' ? 'connecting' : 'reconnecting',
          attempts,
          error: a.error,
        },
      };
    }
    case 'view': {
      const next = { ...s, view: a.view };
      if (a.view === 'chats') return { ...next, chats: markSelectedRead(s.chats) };
      if (a.view === 'messages') return { ...next, agentMessages: markConversationRead(s.agentMessages) };
      return next;
    }
    case 'notice': {
      const next = notify(s, { text: a.text, level: a.level ?? 'info' });
      return a.bell ? { ...next, bells: s.bells + 1 } : next;
    }
  }
}

/**
 * Whether a notice still says something true, after its time on screen: a new chat while it has
 * unread messages, a message from an agent while their conversation has unread ones.
 */
export function noticeHolds(n: Notice, s: SessionState): boolean {
  if (n.chatId) return (s.chats.byId[n.chatId]?.unread ?? 0) > 0;
  if (n.from) return (s.agentMessages.unread[n.from] ?? 0) > 0;
  return false;
}
