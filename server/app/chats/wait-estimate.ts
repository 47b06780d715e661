import { capacityOf, estimateWaitSeconds, RECENT_CHATS, typicalChatSeconds } from '../../domain/wait-estimate.js';
import type { Capacity } from '../../domain/wait-estimate.js';
import { liveAfter, type ChatCtx } from './context.js';
import { effectiveMaxChats } from '../deps.js';

/** How long the capacity and the typical chat duration are remembered by a node (every poll asks). */
export const CAPACITY_TTL_MS = 1000;
export const DURATION_TTL_MS = 10_000;

interface Remembered<T> {
  value: Promise<T>;
  until: number;
}
const memo = new WeakMap<ChatCtx, { capacity?: Remembered<Capacity>; chatSeconds?: Remembered<number> }>();

function remember<T>(ctx: ChatCtx, key: 'capacity' | 'chatSeconds', ttl: number, load: () => Promise<T>): Promise<T> {
  const now = ctx.deps.now();
  const m = memo.get(ctx) ?? {};
  memo.set(ctx, m);
  const held = m[key] as Remembered<T> | undefined;
  if (held && held.until > now) return held.value;
  const value = load();
  const entry: Remembered<T> = { value, until: now + ttl };
  (m as Record<string, Remembered<T>>)[key] = entry;
  // A failed read is not remembered.
  value.catch(() => {
    if (m[key] === (entry as unknown)) m[key] = undefined;
  });
  return value;
}

/**
 * The routable agents' slots (a snapshot read without the routing lock), remembered for a second
 * per node, or until this node starts a chat or who can take chats changes (forgetCapacity).
 */
export const capacityNow = (ctx: ChatCtx): Promise<Capacity> =>
  remember(ctx, 'capacity', CAPACITY_TTL_MS, async () =>
    capacityOf(
      (await ctx.store.routableAgents(liveAfter(ctx.deps.now()))).map((a) => ({
        openChats: a.openChats,
        maxChats: effectiveMaxChats(ctx.deps, a.maxChats),
      })),
    ),
  );

/** The typical chat duration (seconds) from the store's last ended chats: every node reads the same. */
export const chatSecondsNow = (ctx: ChatCtx): Promise<number> =>
  remember(ctx, 'chatSeconds', DURATION_TTL_MS, async () =>
    typicalChatSeconds((await ctx.deps.chatStats.recentChatDurations(RECENT_CHATS)).map((ms) => ms / 1000)),
  );

/** Seconds a visitor with `ahead` people in front will likely wait; null when no agent can take chats. */
export async function estimateFor(ctx: ChatCtx, ahead: number): Promise<number | null> {
  const [capacity, chatSeconds] = await Promise.all([capacityNow(ctx), chatSecondsNow(ctx)]);
  return estimateWaitSeconds(ahead, capacity, chatSeconds);
}

/**
 * Forgets what was remembered: who can take chats changed on this node, or a chat started or ended
 * here (so a new chat's duration counts at once; other nodes read it within DURATION_TTL_MS).
 */
export const forgetCapacity = (ctx: ChatCtx) => {
  const m = memo.get(ctx);
  if (m) {
    m.capacity = undefined;
    m.chatSeconds = undefined;
  }
};
