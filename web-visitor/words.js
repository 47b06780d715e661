// Everything the page says in plain words, in one place.

export const NAME_MAX = 64;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The same rules as the server (PROTOCOL.md limits); '' when the name is fine. */
export function nameProblem(name) {
  const trimmed = name.trim();
  if (!trimmed) return 'Please enter your name.';
  if (trimmed.length > NAME_MAX) return `Please use at most ${NAME_MAX} characters.`;
  if (CONTROL.test(trimmed)) return 'Please use only letters, numbers, spaces and punctuation.';
  return '';
}

/** "in 45 seconds", "in about 2 minutes". */
export function inTime(seconds) {
  if (!seconds || seconds <= 1) return 'in a moment';
  if (seconds < 90) return `in ${seconds} seconds`;
  return `in about ${Math.round(seconds / 60)} minutes`;
}

/** Why POST /api/queue failed. */
export function joinFailure(res) {
  switch (res.status) {
    case 0:
      return 'We couldn’t reach the server. Check your internet connection and try again.';
    case 400:
      return `That name can’t be used: ${(res.error.message || 'please try another one').replace(/^name: /, '')}.`;
    case 429:
      return `Too many chats were started from your connection. Please try again ${inTime(res.retryAfter)}.`;
    default:
      return res.status >= 500
        ? 'Something went wrong on our side. Please try again in a minute.'
        : `Something went wrong (${res.status}). Please try again.`;
  }
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** ["2 people ahead of you", "1 agent online"], shown as "2 people ahead of you · 1 agent online". */
export function queueLine(ahead, agentsOnline) {
  const place = ahead === 0 ? 'You’re next' : `${plural(ahead, 'person', 'people')} ahead of you`;
  return [place, `${plural(agentsOnline, 'agent', 'agents')} online`];
}

/** The friendly line under the queue position. */
export function queueNote({ ahead, agentsOnline, noAgentFree, offline }) {
  if (offline)
    return { kind: 'warn', text: 'Connection problem — we’re still trying. Your place is kept for a minute.' };
  if (agentsOnline === 0) {
    return {
      kind: 'warn',
      text: 'No agents are online right now. Stay on this page and we’ll connect you as soon as someone is back.',
    };
  }
  if (ahead === 0 && noAgentFree) {
    return {
      kind: 'info',
      text: 'You’re next! All our agents are busy with other chats — we’ll connect you as soon as one is free.',
    };
  }
  if (ahead === 0) return { kind: 'info', text: 'Connecting you with an agent…' };
  return { kind: '', text: '' };
}

/** Why a message was not sent (socket ack error code, or our own 'offline' / 'timeout'). */
export function sendFailure(code, message) {
  switch (code) {
    case 'rate_limited':
      return 'You’re sending messages too quickly. Wait a second, then press Retry.';
    case 'offline':
      return 'Not sent — you’re offline. We’re reconnecting; press Retry when you’re back.';
    case 'timeout':
      return 'Not sent — the connection dropped. Press Retry once you’re back online.';
    case 'gone':
      return 'Not sent — this chat has ended.';
    case 'invalid_request':
      return `Not sent — ${(message || 'the message was not accepted').replace(/^body: /, '')}.`;
    case 'payload_too_large':
      return 'Not sent — that message is too long.';
    default:
      return 'Not sent — something went wrong. Press Retry to try again.';
  }
}

/** The ended panel's headline. */
export function endedLine(by) {
  if (by === 'visitor') return 'Chat ended by you';
  if (by === 'agent') return 'Chat ended by the agent';
  return 'This chat has ended';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "2:05 PM" (the visitor's own clock and locale). */
export const clock = (iso) => timeFormat.format(new Date(iso));
/** "Nov 26, 2026, 2:05 PM" — for tooltips. */
export const fullTime = (iso) => dateTimeFormat.format(new Date(iso));

/** Up to two initials for the avatar. */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
}
