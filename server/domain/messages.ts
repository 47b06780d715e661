import type { ChatMessage } from '../protocol/models.js';
import type { ChatRecord, MessageRecord } from './records.js';

/** What makes a message unique: its number in the chat, its id, and when it was written. */
export interface Stamp {
  seq: number;
  id: string;
  at: number;
}

export type Sender = { role: 'visitor' } | { role: 'agent'; name: string; username: string };

/** A message with sender and receiver as they are at the moment of sending. */
export function newMessage(
  chat: ChatRecord,
  from: Sender,
  body: string,
  stamp: Stamp,
  clientMsgId: string | null,
): MessageRecord {
  const base = { id: stamp.id, chatId: chat.id, seq: stamp.seq, body, sentAt: stamp.at, clientMsgId };
  if (from.role === 'agent') {
    const to = { toRole: 'visitor' as const, toName: chat.visitorName, toUsername: null };
    return { ...base, fromRole: 'agent', fromName: from.name, fromUsername: from.username, ...to };
  }
  const to = chat.agentUsername
    ? { toRole: 'agent' as const, toName: chat.agentName ?? chat.agentUsername, toUsername: chat.agentUsername }
    : { toRole: null, toName: null, toUsername: null };
  return { ...base, fromRole: 'visitor', fromName: chat.visitorName, fromUsername: null, ...to };
}

/** The notes Switchboard writes into transcripts, by kind. */
export type Note =
  | { kind: 'joined'; agent: string }
  | { kind: 'requeued'; agent: string }
  | { kind: 'transferred'; from: string; to: string }
  | { kind: 'closed-idle'; minutes: number }
  | { kind: 'closed-visitor-gone' }
  | { kind: 'reassigned'; from: string; to: string; seconds: number };

const NOTE_TEXT: { [K in Note['kind']]: (n: Extract<Note, { kind: K }>) => string } = {
  joined: (n) => `${n.agent} joined the chat.`,
  requeued: (n) => `${n.agent} is no longer available. You are back at the front of the queue.`,
  transferred: (n) => `${n.from} transferred the chat to ${n.to}.`,
  'closed-idle': (n) =>
    `The chat was closed after ${n.minutes === 1 ? '1 minute' : `${n.minutes} minutes`} without messages.`,
  'closed-visitor-gone': () => 'The chat was closed: the visitor left.',
  reassigned: (n) => `${n.from} did not answer in ${n.seconds} s; the chat moved to ${n.to}.`,
};

export const noteText = (note: Note): string => (NOTE_TEXT[note.kind] as (n: Note) => string)(note);

/** A system message in the chat's transcript (role `system`, addressed to nobody). */
export function systemNote(chat: ChatRecord, note: Note, stamp: Stamp): MessageRecord {
  return {
    id: stamp.id,
    chatId: chat.id,
    seq: stamp.seq,
    body: noteText(note),
    sentAt: stamp.at,
    clientMsgId: null,
    fromRole: 'system',
    fromName: 'Switchboard',
    fromUsername: null,
    toRole: null,
    toName: null,
    toUsername: null,
  };
}

/** Record → the contract's Message shape. */
export function messageView(m: MessageRecord): ChatMessage {
  const msg: ChatMessage = {
    id: m.id,
    chatId: m.chatId,
    seq: m.seq,
    from: { role: m.fromRole, name: m.fromName, ...(m.fromUsername ? { username: m.fromUsername } : {}) },
    body: m.body,
    sentAt: new Date(m.sentAt).toISOString(),
  };
  if (m.toRole) msg.to = { role: m.toRole, name: m.toName!, ...(m.toUsername ? { username: m.toUsername } : {}) };
  if (m.internal) msg.internal = true;
  return msg;
}
