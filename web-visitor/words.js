// Everything the page says in plain words, in one place.

export const NAME_MAX = 64;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The same rules as the server (PROTOCOL.md limits); '' when the name is fine. Nothing is cut silently. */
export function nameProblem(name) {
  const trimmed = name.trim();
  if (!trimmed) return 'Please enter your name.';
  if (trimmed.length > NAME_MAX)
    return `That name is too long: ${trimmed.length} characters. Please use at most ${NAME_MAX}.`;
  if (CONTROL.test(trimmed)) return 'Please use only letters, numbers, spaces and punctuation.';
  return '';
}

/** "0:45", "2:00": a countdown to the second. */
export function countdown(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Why POST /api/queue failed (a 429 is told by joinBlocked, with its countdown). */
export function joinFailure(res) {
  switch (res.status) {
    case 0:
      return 'We couldn’t reach the server. Check your internet connection and try again.';
    case 400:
      return `That name can’t be used: ${(res.error.message || 'please try another one').replace(/^name: /, '')}.`;
    default:
      return res.status >= 500
        ? 'Something went wrong on our side. Please try again in a minute.'
        : `Something went wrong (${res.status}). Please try again.`;
  }
}

/** The home page while joins from this connection are refused (429), until `until` (ms since the epoch). */
export function joinBlocked(until) {
  const at = timeFormat.format(new Date(until));
  return (
    'Too many chats were started from your connection in the last minute. ' +
    `You can start one again at ${at} — the button counts down.`
  );
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** ["2 people ahead of you", "1 agent online"], shown as "2 people ahead of you · 1 agent online". */
export function queueLine(ahead, agentsOnline) {
  const place = ahead === 0 ? 'You’re next' : `${plural(ahead, 'person', 'people')} ahead of you`;
  return [place, `${plural(agentsOnline, 'agent', 'agents')} online`];
}

/**
 * Why the place went back: a chat whose agent left (logged out, disconnected) goes back to the front
 * of the queue, ahead of everyone waiting, as it had already waited its turn.
 */
export function pushedBackNote(by) {
  const who = by === 1 ? 'someone whose agent disconnected was' : `${by} people whose agent disconnected were`;
  return (
    `Your place moved back: ${who} put back in front of you, as they had already waited their turn. ` +
    'You keep your place right behind them.'
  );
}

/** The friendly line under the queue position. */
export function queueNote({ ahead, agentsOnline, noAgentFree, pushedBack }) {
  const notes = [];
  if (pushedBack) notes.push(pushedBackNote(pushedBack));
  if (agentsOnline === 0) {
    notes.push('No agents are online right now. Stay on this page and we’ll connect you as soon as someone is back.');
  } else if (ahead === 0 && noAgentFree) {
    notes.push('You’re next! All our agents are busy with other chats — we’ll connect you as soon as one is free.');
  } else if (ahead === 0) {
    notes.push('Connecting you with an agent…');
  }
  const kind = pushedBack || agentsOnline === 0 ? 'warn' : notes.length ? 'info' : '';
  return { kind, text: notes.join(' ') };
}

/**
 * Why a message was not sent. The page keeps trying by itself through rate limits and lost
 * connections: these are the answers another try would not change.
 */
export function sendFailure(code, message) {
  switch (code) {
    case 'gone':
      return 'Not sent — this chat has ended.';
    case 'invalid_request':
      return `Not sent — ${(message || 'it was not accepted').replace(/^body: /, '')}. Press Edit to change it.`;
    case 'payload_too_large':
      return 'Not sent — that message is too long. Press Edit to shorten it.';
    default:
      return 'Not sent — something went wrong on our side. Press Retry to try again.';
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
