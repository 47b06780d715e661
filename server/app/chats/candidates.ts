import type { AgentLoad } from '../../domain/routing/index.js';
import { effectiveMaxChats } from '../deps.js';
import { rememberedOnlineCount } from './common.js';
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

/** How many agents can be routed to (remembered briefly, see rememberedOnlineCount). */
export const agentsOnline = (ctx: ChatCtx): Promise<number> =>
  rememberedOnlineCount(ctx, ctx.deps.now(), async () => (await candidates(ctx)).length);

/** The agent the routing strategy picks, or undefined when nobody online has room. */
export async function pickAgent(ctx: ChatCtx): Promise<Candidate | undefined> {
  const all = await candidates(ctx);
  const username = ctx.route(all);
  return all.find((c) => c.username === username);
}
