import type { AgentLoad } from '../../domain/routing/index.js';
import { effectiveMaxChats } from '../deps.js';
import type { RoutableAgent } from '../ports/chat-store.js';
import { liveAfter, type ChatCtx } from './context.js';
import { forgetCapacity } from './wait-estimate.js';

export type Candidate = AgentLoad & { name: string };

/** Routable agents (online, connected to a live node) as the routing strategy sees them. */
export const loadsOf = (ctx: ChatCtx, routable: RoutableAgent[]): Candidate[] =>
  routable.map((a) => ({
    username: a.username,
    name: a.name,
    openChats: a.openChats,
    maxChats: effectiveMaxChats(ctx.deps, a.maxChats),
    idleSince: a.lastAssignedAt,
  }));

/** Who gets the next chat: the routing strategy's pick among the routable agents, or undefined. */
export function pickAgent(ctx: ChatCtx, routable: RoutableAgent[]): Candidate | undefined {
  const loads = loadsOf(ctx, routable);
  const username = ctx.route(loads);
  return loads.find((l) => l.username === username);
}

const ONLINE_COUNT_TTL_MS = 250;

/**
 * How many agents can be routed to (`agentsOnline`), remembered for a quarter of a second: every
 * queue status poll asks, and thousands of polls a second must not each count the agents again.
 * Forgotten whenever who can take chats may have changed (see forgetOnlineCount).
 */
export async function agentsOnline(ctx: ChatCtx): Promise<number> {
  const now = ctx.deps.now();
  if (ctx.onlineCount && ctx.onlineCount.until > now) return ctx.onlineCount.value;
  const value = await ctx.store.countRoutable(liveAfter(now));
  ctx.onlineCount = { value, until: now + ONLINE_COUNT_TTL_MS };
  return value;
}

export const forgetOnlineCount = (ctx: ChatCtx) => {
  ctx.onlineCount = undefined;
  forgetCapacity(ctx);
};
