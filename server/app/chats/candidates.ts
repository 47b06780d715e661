import type { AgentLoad } from '../../domain/routing/index.js';
import { effectiveMaxChats } from '../deps.js';
import type { ChatCtx } from './state.js';

export interface Candidate extends AgentLoad {
  name: string;
}

/** Agents that can be routed to: status online AND at least one live /agent connection. */
export async function candidates(ctx: ChatCtx): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const username of ctx.deps.presence.connectedUsernames()) {
    const account = await ctx.deps.store.getAccount(username);
    if (!account || account.status !== 'online') continue;
    out.push({
      username,
      name: account.name,
      openChats: ctx.book.openChatsOf(username),
      maxChats: effectiveMaxChats(ctx.deps, account.maxChats),
      idleSince: ctx.idleSince.get(username) ?? 0,
    });
  }
  return out;
}

const ONLINE_COUNT_TTL_MS = 250;

/**
 * How many agents can be routed to, remembered for a quarter of a second: every queue status poll
 * asks, and thousands of polls a second must not each look at every connected agent.
 */
export async function agentsOnline(ctx: ChatCtx): Promise<number> {
  const now = ctx.deps.now();
  if (ctx.onlineCount && ctx.onlineCount.until > now) return ctx.onlineCount.value;
  const value = (await candidates(ctx)).length;
  ctx.onlineCount = { value, until: now + ONLINE_COUNT_TTL_MS };
  return value;
}

/** The agent the routing strategy picks, or undefined when nobody online has room. */
export async function pickAgent(ctx: ChatCtx): Promise<Candidate | undefined> {
  const all = await candidates(ctx);
  const username = ctx.route(all);
  return all.find((c) => c.username === username);
}
