/**
 * Business hours: "mon-fri 09:00-17:00; sat 10:00-13:00" in an IANA time zone. Pure: the clock is
 * passed in; time-zone arithmetic goes through Intl, so daylight-saving changes are followed.
 *
 * Grammar: rules separated by `;`. A rule is days then ranges: days `mon`…`sun`, ranges of days
 * (`mon-fri`, `fri-mon` wraps) and lists (`mon,wed,fri`); ranges `HH:MM-HH:MM` separated by `,`.
 * `24:00` ends a day. A range whose end is not after its start runs overnight into the next day
 * (`fri 22:00-02:00` is open Friday 22:00 to Saturday 02:00). Times are wall-clock times: on the day
 * clocks jump forward, an opening inside the skipped hour happens when the clocks land after it.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open on `day` (0 = Sunday) from `start` to `end`, minutes after midnight; `end` may exceed 1440 (overnight). */
export interface OpenRange {
  day: number;
  start: number;
  end: number;
}

export interface BusinessHours {
  timeZone: string;
  ranges: OpenRange[];
  /** The text it was parsed from (for messages and logs). */
  text: string;
}

export class BusinessHoursError extends Error {}

const DAY_MINUTES = 1440;

function parseDay(s: string): number {
  const i = WEEKDAYS.indexOf(s.toLowerCase().slice(0, 3) as Weekday);
  if (i < 0 || !/^[a-z]+$/i.test(s)) throw new BusinessHoursError(`unknown day "${s}" (use mon, tue, … sun)`);
  return i;
}

function parseDays(s: string): number[] {
  const days = new Set<number>();
  for (const part of s.split(',')) {
    const [from, to, extra] = part.trim().split('-');
    if (!from || extra !== undefined) throw new BusinessHoursError(`"${part}" is not a day or a range of days`);
    const a = parseDay(from);
    const b = to === undefined ? a : parseDay(to);
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days];
}

function parseTime(s: string, isEnd: boolean): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  const ok = m && minutes < 60 && (hours < 24 || (isEnd && hours === 24 && minutes === 0));
  if (!ok) throw new BusinessHoursError(`"${s}" is not a time (HH:MM, 00:00 to 24:00)`);
  return hours * 60 + minutes;
}

/** Parses the business hours; throws BusinessHoursError with one sentence saying what is wrong. */
export function parseBusinessHours(text: string, timeZone: string): BusinessHours {
  checkTimeZone(timeZone);
  const ranges: OpenRange[] = [];
  for (const rule of text.split(';').map((r) => r.trim())) {
    if (!rule) continue;
    const m = /^(\S+)\s+(.+)$/.exec(rule);
    if (!m) throw new BusinessHoursError(`"${rule}" needs days and hours, e.g. "mon-fri 09:00-17:00"`);
    const days = parseDays(m[1]!);
    for (const span of m[2]!.split(',').map((x) => x.trim())) {
      const [a, b, extra] = span.split('-');
      if (a === undefined || b === undefined || extra !== undefined)
        throw new BusinessHoursError(`"${span}" is not a range of hours, e.g. 09:00-17:00`);
      const start = parseTime(a.trim(), false);
      let end = parseTime(b.trim(), true);
      if (end <= start) end += DAY_MINUTES; // overnight
      for (const day of days) ranges.push({ day, start, end });
    }
  }
  if (!ranges.length) throw new BusinessHoursError('no opening hours given, e.g. "mon-fri 09:00-17:00"');
  return { timeZone, ranges, text };
}

export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new BusinessHoursError(`unknown time zone "${timeZone}" (an IANA name such as Europe/Berlin)`);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  /** Minutes after midnight. */
  minutes: number;
  seconds: number;
}

/** The wall-clock time in the zone at instant `t` (epoch ms). */
export function wallTime(t: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday!.toLowerCase() as Weekday),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}

/** The zone's offset from UTC at instant `t`, in ms (positive east of Greenwich). */
function offsetAt(t: number, timeZone: string): number {
  const w = wallTime(t, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes, w.seconds);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The first instant at which the wall clock reads `minutes` after midnight of the local date
 * (y, m, d), or, when that time is skipped (clocks jumping forward), the instant the clocks jump.
 */
export function instantOf(y: number, m: number, d: number, minutes: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, 0, minutes);
  const before = offsetAt(guess - 86_400_000, timeZone);
  const after = offsetAt(guess + 86_400_000, timeZone);
  const target = { y, m, d, minutes };
  const matches = (t: number) => {
    const w = wallTime(t, timeZone);
    return w.year === target.y && w.month === target.m && w.day === target.d && w.minutes === target.minutes;
  };
  const found = [guess - before, guess - after].filter(matches);
  if (found.length) return Math.min(...found);
  // Skipped: the jump lies between the two candidates; find it to the minute.
  let lo = Math.min(guess - before, guess - after);
  let hi = Math.max(guess - before, guess - after);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Whether the hours are open at instant `t`. */
export function isOpenAt(hours: BusinessHours, t: number): boolean {
  const w = wallTime(t, hours.timeZone);
  const yesterday = (w.weekday + 6) % 7;
  return hours.ranges.some(
    (r) =>
      (r.day === w.weekday && w.minutes >= r.start && w.minutes < r.end) ||
      (r.day === yesterday && r.end > DAY_MINUTES && w.minutes < r.end - DAY_MINUTES),
  );
}

/**
 * The next instant after `t` at which the hours open (undefined when open at `t`). Every opening
 * is the start of a range on some local day within the coming week (and a day of margin).
 */
export function nextOpenAt(hours: BusinessHours, t: number): number | undefined {
  if (isOpenAt(hours, t)) return undefined;
  const today = wallTime(t, hours.timeZone);
  let best: number | undefined;
  for (let i = 0; i <= 8; i++) {
    // The local date i days on (noon avoids any clock change).
    const noon = new Date(Date.UTC(today.year, today.month - 1, today.day + i, 12));
    const weekday = noon.getUTCDay();
    for (const r of hours.ranges) {
      if (r.day !== weekday) continue;
      const at = instantOf(noon.getUTCFullYear(), noon.getUTCMonth() + 1, noon.getUTCDate(), r.start, hours.timeZone);
      if (at > t && (best === undefined || at < best) && isOpenAt(hours, at)) best = at;
    }
    if (best !== undefined) return best;
  }
  return best;
}
