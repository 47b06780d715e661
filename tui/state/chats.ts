import type { AgentEvents, EndedBy, OpenChat, StaffVisitor } from '../../server/protocol/events.js';
import type { ChatMessage } from '../../server/protocol/models.js';
import { mergeMessages, newMessages, trailingVisitorMessages } from './transcript.js';

export interface ChatEntry {
  chatId: string;
  /** v2: the whole record (context, visitorId, previousChats) when the server sends it. */
  visitor: StaffVisitor;
  /** ISO time; '' while unknown (a new chat before its first message). */
  startedAt: string;
  transcript: ChatMessage[];
  /** Visitor messages not yet seen by the agent. */
  unread: number;
  /** Set once the chat is over; it stays on screen (read-only) until closed. */
  ended?: { by: EndedBy };
  /** The visitor's page is closed or offline (`chat:presence` away), until they come back. */
  away?: boolean;
  /** The visitor is typing (`chat:typing`); `draft` only when the server forwards drafts (--typing-preview). */
  typing?: { draft?: string };
}

export interface ChatsState {
  byId: Record<string, ChatEntry>;
  /** Display order: the order the chats reached this agent. */
  order: string[];
  selectedId: string | null;
}

export type ChatsAction =
  | { type: 'chats:open'; payload: AgentEvents['chats:open'] }
  | { type: 'chat:assigned'; payload: AgentEvents['chat:assigned'] }
  | { type: 'chat:message'; payload: ChatMessage }
  | { type: 'chat:ended'; payload: AgentEvents['chat:ended'] }
  | { type: 'chat:removed'; payload: AgentEvents['chat:removed'] }
  | { type: 'chat:presence'; payload: AgentEvents['chat:presence'] }
  | { type: 'chat:typing'; payload: AgentEvents['chat:typing'] }
  | { type: 'chat:select'; chatId: string }
  | { type: 'chat:step'; delta: 1 | -1 }
  | { type: 'chat:close' };

/** `viewing`: the agent is looking at the chats screen, so the selected chat's messages are read. */
export interface ChatsContext {
  viewing: boolean;
}

export const emptyChats: ChatsState = { byId: {}, order: [], selectedId: null };

/** Keeps a chat selected while there is one (the first, when the selected one is gone). */
function withSelection(s: ChatsState): ChatsState {
  if (s.selectedId && s.byId[s.selectedId]) return s;
  const first = s.order[0] ?? null;
  return first === s.selectedId ? s : { ...s, selectedId: first };
}

/** A chat arriving whole (chats:open entry or chat:assigned): merged into what is known of it. */
function upsert(s: ChatsState, c: OpenChat): ChatsState {
  const known = s.byId[c.chatId];
  const transcript = mergeMessages(known?.transcript ?? [], c.transcript);
  const fresh = known
    ? newMessages(known.transcript, transcript).filter((m) => m.from.role === 'visitor').length
    : trailingVisitorMessages(transcript);
  const entry: ChatEntry = {
    chatId: c.chatId,
    visitor: c.visitor,
    startedAt: c.startedAt,
    transcript,
    unread: (known?.unread ?? 0) + fresh,
  };
  return {
    ...s,
    byId: { ...s.byId, [c.chatId]: entry },
    order: known ? s.order : [...s.order, c.chatId],
  };
}

function remove(s: ChatsState, chatId: string): ChatsState {
  if (!s.byId[chatId]) return s;
  const index = s.order.indexOf(chatId);
  const order = s.order.filter((id) => id !== chatId);
  const { [chatId]: _gone, ...byId } = s.byId;
  const selectedId = s.selectedId === chatId ? (order[Math.min(index, order.length - 1)] ?? null) : s.selectedId;
  return { byId, order, selectedId };
}

/** The chats after an event or a key: a chat stays selected while there is one; what is on screen is read. */
export function chatsReducer(s: ChatsState, a: ChatsAction, ctx: ChatsContext = { viewing: true }): ChatsState {
  const next = withSelection(step(s, a));
  return ctx.viewing ? markSelectedRead(next) : next;
}

function step(s: ChatsState, a: ChatsAction): ChatsState {
  switch (a.type) {
    case 'chats:open': {
      // The server's list is the truth after a (re)connect: chats it no longer lists left this agent
      // while it was away (ended chats already shown stay until closed).
      const listed = new Set(a.payload.chats.map((c) => c.chatId));
      let next = s;
      for (const id of s.order) if (!listed.has(id) && !s.byId[id]!.ended) next = remove(next, id);
      for (const c of a.payload.chats) next = upsert(next, c);
      return next;
    }
    case 'chat:assigned': {
      const { chatId, visitor, transcript } = a.payload;
      const known = s.byId[chatId];
      // chat:assigned carries no start time: the first message's, once there is one.
      const startedAt = known?.startedAt || transcript[0]?.sentAt || '';
      return upsert(s, { chatId, visitor, transcript, startedAt });
    }
    case 'chat:message': {
      const m = a.payload;
      const chat = s.byId[m.chatId];
      if (!chat) return s;
      const transcript = mergeMessages(chat.transcript, [m]);
      if (transcript.length === chat.transcript.length && chat.transcript.some((x) => x.id === m.id)) {
        return { ...s, byId: { ...s.byId, [m.chatId]: { ...chat, transcript } } };
      }
      const unread = m.from.role === 'visitor' ? chat.unread + 1 : chat.unread;
      const updated = { ...chat, transcript, unread, startedAt: chat.startedAt || m.sentAt };
      // The message the visitor was typing has come.
      if (m.from.role === 'visitor') delete updated.typing;
      return { ...s, byId: { ...s.byId, [m.chatId]: updated } };
    }
    case 'chat:ended': {
      const chat = s.byId[a.payload.chatId];
      if (!chat) return s;
      const { typing: _typing, ...rest } = chat;
      return { ...s, byId: { ...s.byId, [chat.chatId]: { ...rest, ended: { by: a.payload.by } } } };
    }
    case 'chat:removed':
      return remove(s, a.payload.chatId);
    case 'chat:presence': {
      const chat = s.byId[a.payload.chatId];
      if (!chat) return s;
      return { ...s, byId: { ...s.byId, [chat.chatId]: { ...chat, away: a.payload.visitor === 'away' } } };
    }
    case 'chat:typing': {
      const chat = s.byId[a.payload.chatId];
      if (!chat || chat.ended) return s;
      const { typing: _was, ...rest } = chat;
      const typing = a.payload.typing ? { typing: a.payload.draft ? { draft: a.payload.draft } : {} } : {};
      return { ...s, byId: { ...s.byId, [chat.chatId]: { ...rest, ...typing } } };
    }
    case 'chat:select': {
      const chat = s.byId[a.chatId];
      if (!chat) return s;
      return { ...s, selectedId: a.chatId };
    }
    case 'chat:step': {
      if (s.order.length === 0) return s;
      const at = s.selectedId ? s.order.indexOf(s.selectedId) : -1;
      const next = s.order[(at + a.delta + s.order.length) % s.order.length]!;
      return step(s, { type: 'chat:select', chatId: next });
    }
    case 'chat:close': {
      const chat = s.selectedId ? s.byId[s.selectedId] : undefined;
      return chat?.ended ? remove(s, chat.chatId) : s;
    }
  }
}

/** Marks the selected chat read (when the agent comes back to the chats screen). */
export function markSelectedRead(s: ChatsState): ChatsState {
  const chat = s.selectedId ? s.byId[s.selectedId] : undefined;
  if (!chat || chat.unread === 0) return s;
  return { ...s, byId: { ...s.byId, [chat.chatId]: { ...chat, unread: 0 } } };
}

export const selectedChat = (s: ChatsState): ChatEntry | undefined => (s.selectedId ? s.byId[s.selectedId] : undefined);
export const chatList = (s: ChatsState): ChatEntry[] => s.order.map((id) => s.byId[id]!);
export const openChatCount = (s: ChatsState): number => s.order.filter((id) => !s.byId[id]!.ended).length;
export const totalUnread = (s: ChatsState): number => s.order.reduce((n, id) => n + s.byId[id]!.unread, 0);
