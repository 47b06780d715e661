// Everything the page says, looked up in one place: web-visitor/locales/<lang>.json ("page" section).
// The language: ?lang=, else the browser's languages, else English; the list of languages comes from
// the server (one file per language in locales/, listed in the page's <meta name="switchboard-locales">).
// Only the chosen file is fetched (top-level await: every module importing this one finds it loaded).
// Numbers, plurals, times and durations go through Intl in the visitor's own locale.

export const NAME_MAX = 64;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The best of `available` for what was asked (?lang=) and the browser's languages: exact tag first,
 * then its base language ("de-AT" → "de"); English when nothing matches.
 * @param {string[]} available
 * @param {(string | null | undefined)[]} wanted in order of preference
 */
export function chooseLanguage(available, wanted) {
  const have = new Map(available.map((l) => [l.toLowerCase(), l]));
  for (const w of wanted) {
    if (!w || w === 'auto') continue;
    const tag = w.toLowerCase().replace('_', '-');
    const found = have.get(tag) ?? have.get(tag.split('-')[0] ?? '');
    if (found) return found;
  }
  return have.get('en') ?? available[0] ?? 'en';
}

const listed = document.querySelector('meta[name="switchboard-locales"]')?.getAttribute('content') ?? '';
const available = listed.split(/[\s,]+/).filter((l) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l));
const browserLanguages = [...(navigator.languages ?? []), navigator.language];
/** The page's language, e.g. "de". */
export const language = chooseLanguage(available.length ? available : ['en'], [
  new URLSearchParams(location.search).get('lang'),
  ...browserLanguages,
]);
/** The locale numbers and times are written in: the browser's own variant of the language ("de-AT"), if any. */
export const formatLocale =
  browserLanguages.find((l) => l && l.toLowerCase().split('-')[0] === language.toLowerCase().split('-')[0]) ?? language;

async function load(lang) {
  try {
    const res = await fetch(`/locales/${encodeURIComponent(lang)}.json`);
    if (res.ok) return (await res.json())?.page ?? {};
  } catch {
    // Offline at the very start: the page's own (English) text stays, the rest falls back to the keys.
  }
  return lang === 'en' ? {} : load('en');
}

/** @type {Record<string, string | Record<string, string>>} */
const dict = await load(language);
const pluralRules = new Intl.PluralRules(formatLocale);
const numberFormat = new Intl.NumberFormat(formatLocale);
const timeFormat = new Intl.DateTimeFormat(formatLocale, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeStyle: 'short' });

const fill = (text, vars) =>
  text.replace(/\{(\w+)\}/g, (all, k) =>
    vars[k] === undefined ? all : typeof vars[k] === 'number' ? numberFormat.format(vars[k]) : String(vars[k]),
  );

/**
 * The text for `key`, with {placeholders} filled in. Entries with plural forms ({one, other, …}) are
 * chosen by Intl.PluralRules on `vars.n`.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  const entry = dict[key];
  if (entry === undefined) return key;
  if (typeof entry === 'string') return fill(entry, vars);
  const n = Number(vars.n ?? 0);
  const form = (n === 0 && entry.zero) || entry[pluralRules.select(n)] || entry.other || '';
  return fill(form, vars);
}

/**
 * Puts the words into the page's markup: data-t="key" sets the text, data-t-attr="attr:key; attr:key"
 * sets attributes. Also <html lang> and the title.
 * @param {ParentNode} root
 */
export function translatePage(root = document) {
  for (const node of root.querySelectorAll('[data-t]')) {
    const key = node.getAttribute('data-t') ?? '';
    if (dict[key] !== undefined) node.textContent = t(key);
  }
  for (const node of root.querySelectorAll('[data-t-attr]')) {
    for (const pair of (node.getAttribute('data-t-attr') ?? '').split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key && dict[key] !== undefined) node.setAttribute(attr, t(key));
    }
  }
}

document.documentElement.lang = language;
if (dict.title !== undefined) document.title = t('title');
translatePage(document);

/** The same rules as the server (PROTOCOL.md limits); '' when the name is fine. Nothing is cut silently. */
export function nameProblem(name) {
  const trimmed = name.trim();
  if (!trimmed) return t('name.empty');
  if (trimmed.length > NAME_MAX) return t('name.tooLong', { length: trimmed.length, max: NAME_MAX });
  if (CONTROL.test(trimmed)) return t('name.control');
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
      return t('join.network');
    case 400:
      return t('join.invalid', {
        reason: (res.error.message || t('join.invalidDefault')).replace(/^name: /, ''),
      });
    default:
      return res.status >= 500 ? t('join.server') : t('join.other', { status: String(res.status) });
  }
}

/** The home page while joins from this connection are refused (429), until `until` (ms since the epoch). */
export function joinBlocked(until) {
  return t('join.blocked', { time: timeFormat.format(new Date(until)) });
}

/** ["2 people ahead of you", "1 agent online"], shown as "2 people ahead of you · 1 agent online". */
export function queueLine(ahead, agentsOnline) {
  const place = ahead === 0 ? t('queue.next') : t('queue.ahead', { n: ahead });
  return [place, t('queue.agents', { n: agentsOnline })];
}

/**
 * Why the place went back: a chat whose agent left (logged out, disconnected) goes back to the front
 * of the queue, ahead of everyone waiting, as it had already waited its turn.
 */
export function pushedBackNote(by) {
  return t('queue.pushedBack', { n: by });
}

/** The friendly line under the queue position. */
export function queueNote({ ahead, agentsOnline, noAgentFree, pushedBack }) {
  const notes = [];
  if (pushedBack) notes.push(pushedBackNote(pushedBack));
  if (agentsOnline === 0) notes.push(t('queue.noAgents'));
  else if (ahead === 0 && noAgentFree) notes.push(t('queue.nextBusy'));
  else if (ahead === 0) notes.push(t('queue.connecting'));
  const kind = pushedBack || agentsOnline === 0 ? 'warn' : notes.length ? 'info' : '';
  return { kind, text: notes.join(' ') };
}

/**
 * A wait in words: "about 3 minutes", "less than a minute"; '' when there is no estimate (null).
 * @param {number | null | undefined} seconds
 */
export function waitEstimate(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return t('wait.underMinute');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('wait.about', { duration: duration(minutes, 'minute') });
  return t('wait.about', { duration: duration(Math.round(minutes / 60), 'hour') });
}

/** "3 minutes", "3 Minuten" (Intl's unit names, plural included). */
function duration(n, unit) {
  try {
    return new Intl.NumberFormat(formatLocale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  } catch {
    return `${n} ${unit}s`;
  }
}

/**
 * When a closed service opens again, in the visitor's time zone: "today at 9:00 AM",
 * "tomorrow at 9:00 AM", or "Monday, Dec 7 at 9:00 AM".
 * @param {string} iso
 * @param {Date} [now]
 */
export function opensAt(iso, now = new Date()) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const dayOf = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((dayOf(at) - dayOf(now)) / 86_400_000);
  const time = timeFormat.format(at);
  if (days === 0 || days === 1) {
    const day = new Intl.RelativeTimeFormat(formatLocale, { numeric: 'auto' }).format(days, 'day');
    return t('closed.opensRelative', { day, time });
  }
  const date = new Intl.DateTimeFormat(formatLocale, { weekday: 'long', month: 'short', day: 'numeric' }).format(at);
  return t('closed.opensOn', { date, time });
}

/**
 * Why a message was not sent. The page keeps trying by itself through rate limits and lost
 * connections: these are the answers another try would not change.
 */
export function sendFailure(code, message) {
  switch (code) {
    case 'gone':
      return t('send.gone');
    case 'invalid_request':
      return t('send.invalid', { reason: (message || t('send.invalidDefault')).replace(/^body: /, '') });
    case 'payload_too_large':
      return t('send.tooLarge');
    default:
      return t('send.failed');
  }
}

/** The ended panel's headline. */
export function endedLine(by) {
  if (by === 'visitor') return t('ended.byVisitor');
  if (by === 'agent') return t('ended.byAgent');
  return t('ended.other');
}

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
