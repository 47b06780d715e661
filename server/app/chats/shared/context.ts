import { createKeyedSerializer, createSerializer } from '../../../domain/serialize.js';
import { ROUTING_STRATEGIES, type RoutingStrategy } from '../../../domain/routing/index.js';
import type { SharedChatStore, RoutableAgent } from '../../../store/shared-port.js';
import { effectiveMaxChats, type AppDeps } from '../../deps.js';
import { rememberedOnlineCount } from '../common.js';

/** A node that has not written its heartbeat for this long is dead: its connections stop counting. */
export const NODE_TIMEOUT_MS = 5000;
export const HEARTBEAT_MS = 1000;

/** What the shared engine's use cases work with: no chat state of its own, only the store's. */
export interface SharedCtx {
  deps: AppDeps;
  store: SharedChatStore;
  nodeId: string;
  startedAt: number;
  route: RoutingStrategy;
  /** This node's writes to one chat, one at a time in arrival order (a sender's messages keep their order). */
  perChat: <T>(chatId: string, fn: () => Promise<T>) => Promise<T>;
  /** This node's joins, one at a time: each counts the places ahead after the previous one is in. */
  joins: <T>(fn: () => Promise<T>) => Promise<T>;
  onlineCount?: { value: number; until: number };
}

export function createSharedCtx(deps: AppDeps, store: SharedChatStore): SharedCtx {
  return { deps, store, nodeId: deps.newId(), startedAt: deps.now(), route: ROUTING_STRATEGIES['least-loaded'], perChat: createKeyedSerializer(), joins: createSerializer() };
}

/** Heartbeats after this time mean a live node. */
export const liveAfter = (ctx: SharedCtx) => ctx.deps.now() - NODE_TIMEOUT_MS;

/** The agent the routing strategy picks among the routable ones, or undefined. */
export function pick(ctx: SharedCtx, routable: RoutableAgent[]) {
  const loads = routable.map((a) => ({
    username: a.username, name: a.name, openChats: a.openChats,
    maxChats: effectiveMaxChats(ctx.deps, a.maxChats), idleSince: a.lastAssignedAt,
  }));
  const username = ctx.route(loads);
  return loads.find((l) => l.username === username);
}

/** How many agents can be routed to on any live node (remembered briefly, see rememberedOnlineCount). */
export const agentsOnline = (ctx: SharedCtx): Promise<number> =>
  rememberedOnlineCount(ctx, ctx.deps.now(), () => ctx.store.countRoutable(liveAfter(ctx)));
