import type { ChatsState } from './chats.js';
import { age } from './format.js';
import { isWaiting, lastVisitorMessage } from './transcript.js';

/** A chat whose visitor has waited for a reply at least as long as the reminder interval. */
export interface Waiting {
  chatId: string;
  name: string;
  /** Since the visitor's last message (ISO). */
  since: string;
}

/** The open chats whose visitor spoke last, `afterMs` ago or longer; the longest wait first. */
export function waitingChats(chats: ChatsState, now: number, afterMs: number): Waiting[] {
  const out: Waiting[] = [];
  for (const id of chats.order) {
    const c = chats.byId[id];
    if (!c || c.ended || !isWaiting(c.transcript)) continue;
    const last = lastVisitorMessage(c.transcript);
    if (last && now - Date.parse(last.sentAt) >= afterMs)
      out.push({ chatId: id, name: c.visitor.name, since: last.sentAt });
  }
  return out.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
}

/** The reminder in the status line: who waits, and how long. */
export function reminderText(waiting: Waiting[], now: number): string {
  const [first] = waiting;
  if (!first) return '';
  const shown = age(first.since, now);
  const long = shown === 'now' ? 'a moment' : shown;
  if (waiting.length === 1) return `${first.name} has waited ${long} for a reply`;
  return `${waiting.length} chats wait for a reply (${first.name} for ${long})`;
}
