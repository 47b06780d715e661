import type { Config } from '../config.js';
import {
  type BusinessHours,
  isOpenAt,
  nextOpenAt,
  parseBusinessHours,
  WEEKDAYS,
  wallTime,
} from '../domain/business-hours.js';
import { AppError } from '../protocol/errors.js';
import type { AppDeps } from './deps.js';
import type { ChatCtx } from './chats/context.js';
import { agentsOnline } from './chats/routing.js';
import { estimateFor } from './chats/wait-estimate.js';

/** `GET /api/availability` (contract v2). */
export interface Availability {
  open: boolean;
  agentsOnline: number;
  waiting: number;
  /** For a visitor joining now; null when no agent can take chats. */
  estimatedWaitSeconds: number | null;
  /** While closed: when the business hours open next. */
  nextOpenAt?: string;
}

const parsed = new WeakMap<Config, BusinessHours | null>();

/** The configured business hours (validated at start), or null: always open. */
export function businessHours(config: Config): BusinessHours | null {
  let hours = parsed.get(config);
  if (hours === undefined) {
    const zone = config.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    hours = config.businessHours?.trim() ? parseBusinessHours(config.businessHours, zone) : null;
    parsed.set(config, hours);
  }
  return hours;
}

/** Whether visitors may join now, and if not, when they may. */
export function openState(deps: Pick<AppDeps, 'config' | 'now'>): { open: boolean; nextOpenAt?: number } {
  const hours = businessHours(deps.config);
  const now = deps.now();
  if (!hours || isOpenAt(hours, now)) return { open: true };
  return { open: false, nextOpenAt: nextOpenAt(hours, now) };
}

/** "Mon 09:00 (Europe/Berlin)": an instant as the business hours' wall clock shows it. */
function localLabel(t: number, hours: BusinessHours): string {
  const w = wallTime(t, hours.timeZone);
  const day = WEEKDAYS[w.weekday]!;
  const hhmm = `${String(Math.floor(w.minutes / 60)).padStart(2, '0')}:${String(w.minutes % 60).padStart(2, '0')}`;
  return `${day[0]!.toUpperCase()}${day.slice(1)} ${hhmm} (${hours.timeZone})`;
}

/** Throws `closed` (409) outside business hours, saying when they open. */
export function assertOpen(deps: Pick<AppDeps, 'config' | 'now'>): void {
  const state = openState(deps);
  if (state.open) return;
  const hours = businessHours(deps.config)!;
  const when =
    state.nextOpenAt === undefined
      ? ''
      : ` We open again ${localLabel(state.nextOpenAt, hours)}, ${new Date(state.nextOpenAt).toISOString()}.`;
  throw new AppError('closed', `Support is closed now (hours: ${hours.text}).${when} You can leave a message.`);
}

/** Open or closed, who can take chats, how many wait, and how long a visitor joining now would wait. */
export async function availability(ctx: ChatCtx): Promise<Availability> {
  const state = openState(ctx.deps);
  const [online, waiting] = await Promise.all([agentsOnline(ctx), ctx.store.countWaiting()]);
  const estimatedWaitSeconds = await estimateFor(ctx, waiting);
  return {
    open: state.open,
    agentsOnline: online,
    waiting,
    estimatedWaitSeconds,
    ...(state.nextOpenAt !== undefined ? { nextOpenAt: new Date(state.nextOpenAt).toISOString() } : {}),
  };
}
