import type { ChatMessage, Party } from '../../../../server/protocol/models.js';
import { clean } from '../../io.js';

const name = (p: Party) => clean(p.name);

/** A body on the terminal: controls neutralised, continuation lines indented under the first. */
export const bodyText = (body: string, indent = '    ') => clean(body, true).replace(/\n/g, `\n${indent}`);

/**
 * One transcript message without its time: `Grace → Alice A: body`, or `* body` for a system note.
 * A visitor message sent while the chat waited in the queue has no receiver: `Grace: body`.
 * An internal note (v2, staff only): `[note] Alice A: body`.
 */
export function messageText(m: ChatMessage, indent?: string): string {
  if (m.from.role === 'system') return `* ${bodyText(m.body, indent)}`;
  if (m.internal) return `[note] ${name(m.from)}: ${bodyText(m.body, indent)}`;
  return `${name(m.from)}${m.to ? ` → ${name(m.to)}` : ''}: ${bodyText(m.body, indent)}`;
}

/** Local `HH:MM` of an ISO time. */
export function clock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** How long ago, short: `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`. */
export function age(iso: string, now = Date.now()): string {
  const s = Math.floor((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(s)) return '-';
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}
