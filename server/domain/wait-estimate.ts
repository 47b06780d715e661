/**
 * How long a waiting visitor will likely wait. Pure; the inputs come from the store.
 *
 * - `slots`: chats the routable agents (online, connected) may hold in all (the sum of their
 *   maxChats); `free`: the slots not taken now. No slot at all: no estimate (null).
 * - `ahead`: visitors in front of this one. With `ahead < free` there is room already: 0.
 * - Otherwise `ahead - free + 1` chats must end first. While every slot is busy, chats end at a rate
 *   of `slots / D` per second, D being the typical chat duration, so the wait is
 *   `(ahead - free + 1) × D / slots`.
 * - D: the mean duration of the last RECENT_CHATS ended chats, each clamped to 5 s … 2 h. Until
 *   PRIOR_WEIGHT chats have ended, DEFAULT_CHAT_SECONDS fills the missing ones (300 s before any
 *   chat has ended, so the first short chat does not promise everyone a wait of seconds).
 * The result is rounded up to whole seconds.
 */

export const RECENT_CHATS = 50;
export const DEFAULT_CHAT_SECONDS = 300;
export const PRIOR_WEIGHT = 3;
const MIN_CHAT_SECONDS = 5;
const MAX_CHAT_SECONDS = 2 * 3600;

export interface Capacity {
  /** Routable agents. */
  agents: number;
  /** Their maxChats, summed. */
  slots: number;
  /** Slots not taken by an active chat. */
  free: number;
}

/** The typical chat duration in seconds from recent durations (seconds, any order). */
export function typicalChatSeconds(recent: readonly number[]): number {
  const sample = recent.slice(0, RECENT_CHATS);
  const sum = sample.reduce((s, d) => s + Math.min(MAX_CHAT_SECONDS, Math.max(MIN_CHAT_SECONDS, d)), 0);
  const missing = Math.max(0, PRIOR_WEIGHT - sample.length);
  return (sum + DEFAULT_CHAT_SECONDS * missing) / (sample.length + missing);
}

/** Seconds until a visitor with `ahead` people in front is likely served; null without any slot. */
export function estimateWaitSeconds(ahead: number, capacity: Capacity, chatSeconds: number): number | null {
  if (capacity.slots <= 0) return null;
  if (ahead < capacity.free) return 0;
  return Math.ceil(((ahead - capacity.free + 1) * chatSeconds) / capacity.slots);
}

/** The capacity of agents as the routing sees them. */
export function capacityOf(agents: readonly { openChats: number; maxChats: number }[]): Capacity {
  let slots = 0;
  let free = 0;
  for (const a of agents) {
    slots += a.maxChats;
    free += Math.max(0, a.maxChats - a.openChats);
  }
  return { agents: agents.length, slots, free };
}
