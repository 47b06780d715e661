// Pure transcript logic: merging messages from acks, live events and history; the plain-text export.
import { t } from './words.js';

/**
 * @typedef {{ id: string, chatId: string, seq: number, from: {role: string, name: string},
 *   to?: {role: string, name: string}, body: string, sentAt: string }} Message
 */

const isMessage = (m) =>
  m && typeof m.id === 'string' && Number.isInteger(m.seq) && typeof m.body === 'string' && m.from;

/**
 * One list, each message once (by id; a message may come by ack, by `chat:message` and again in
 * `chat:history`), in `seq` order.
 * @param {Message[]} list
 * @param {Message[]} incoming
 * @returns {Message[]}
 */
export function mergeMessages(list, incoming) {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) if (isMessage(m)) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq known, 0 for none. */
export const lastSeq = (list) => list.reduce((max, m) => Math.max(max, m.seq), 0);

const pad = (n) => String(n).padStart(2, '0');
/** "2026-11-26 14:05" in the visitor's time zone. */
function stamp(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The transcript as plain text, for "Download transcript".
 * @param {{ messages: Message[], visitorName: string, endedLine?: string, now?: Date }} o
 */
export function transcriptText({ messages, visitorName, endedLine, now = new Date() }) {
  const lines = [
    t('transcript.title'),
    t('transcript.visitor', { name: visitorName }),
    t('transcript.saved', { time: stamp(now.toISOString()) }),
    '',
  ];
  for (const m of messages) {
    const body = m.body.replace(/\r\n?/g, '\n').split('\n').join('\n    ');
    if (m.from.role === 'system') lines.push(`[${stamp(m.sentAt)}] — ${body}`);
    else lines.push(`[${stamp(m.sentAt)}] ${m.from.name}${m.to ? ` → ${m.to.name}` : ''}: ${body}`);
  }
  if (endedLine) lines.push('', `${endedLine}.`);
  return `${lines.join('\n')}\n`;
}

/** "switchboard-chat-2026-11-26-1405.txt" */
export function transcriptFileName(now = new Date()) {
  return `switchboard-chat-${stamp(now.toISOString()).replace(' ', '-').replace(':', '')}.txt`;
}
