import type { ChatMessage } from '../../server/protocol/models.js';

/**
 * A transcript merged with more messages: each message once (by id; a later copy wins), ordered by
 * `seq`. Used for chats:open after a reconnect, chat:assigned and live chat:message alike.
 */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return existing as ChatMessage[];
  const byId = new Map<string, ChatMessage>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Messages in `next` that `prev` did not have. */
export function newMessages(prev: readonly ChatMessage[], next: readonly ChatMessage[]): ChatMessage[] {
  const seen = new Set(prev.map((m) => m.id));
  return next.filter((m) => !seen.has(m.id));
}

/** The visitor's latest message, if any. */
export function lastVisitorMessage(transcript: readonly ChatMessage[]): ChatMessage | undefined {
  for (let i = transcript.length - 1; i >= 0; i--) if (transcript[i]!.from.role === 'visitor') return transcript[i];
  return undefined;
}

/** The visitor spoke last (system and internal notes aside): somebody owes them an answer. */
export function isWaiting(transcript: readonly ChatMessage[]): boolean {
  for (let i = transcript.length - 1; i >= 0; i--) {
    if (transcript[i]!.internal) continue;
    const role = transcript[i]!.from.role;
    if (role === 'visitor') return true;
    if (role === 'agent') return false;
  }
  return false;
}

/** Visitor messages since the last agent message: what a newly seen chat starts with as unread. */
export function trailingVisitorMessages(transcript: readonly ChatMessage[]): number {
  let n = 0;
  for (let i = transcript.length - 1; i >= 0; i--) {
    if (transcript[i]!.internal) continue;
    const role = transcript[i]!.from.role;
    if (role === 'agent') break;
    if (role === 'visitor') n++;
  }
  return n;
}
