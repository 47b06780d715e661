/** Formatting for the screens: pure, so screens and tests agree on what is shown. */

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time `HH:MM` of an ISO time. */
export function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '--:--' : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** How long ago, compactly: `now`, `42s`, `5m`, `3h`, `2d`. */
export function age(iso: string, nowMs: number): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.floor((nowMs - t) / 1000));
  if (s < 5) return 'now';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** `3/5` chats, for loads. */
export const load = (open: number | undefined, max: number | undefined): string => `${open ?? '?'}/${max ?? '?'}`;

/** A list window of `height` rows that keeps `selected` visible (first visible index). */
export function windowStart(count: number, selected: number, height: number): number {
  if (height <= 0 || count <= height) return 0;
  const half = Math.floor(height / 2);
  return Math.min(Math.max(0, selected - half), count - height);
}

/**
 * How an account's presence is shown: green ● only when it can take chats now (online and
 * connected); online without a live connection is a yellow ○; offline a grey ○.
 */
export function presence(
  status: 'online' | 'offline' | undefined,
  connected: boolean | undefined,
): { dot: string; color: string; label: string } {
  if (status !== 'online') return { dot: '○', color: 'gray', label: 'offline' };
  if (connected === false) return { dot: '○', color: 'yellow', label: 'online, not connected' };
  return { dot: '●', color: 'green', label: 'online' };
}

/** How long until an ISO time, compactly: `in 2d 23h`, `in 5h 12m`, `in 42m`, `expired`. */
export function expiresIn(iso: string, nowMs: number): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const m = Math.floor((t - nowMs) / 60_000);
  if (m < 0) return 'expired';
  if (m < 60) return `in ${m}m`;
  if (m < 24 * 60) return `in ${Math.floor(m / 60)}h ${m % 60}m`;
  return `in ${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h`;
}
