import { createKeyedSerializer } from '../../domain/serialize.js';
import { ROUTING_STRATEGIES, type RoutingStrategy } from '../../domain/routing/index.js';
import type { AppDeps } from '../deps.js';
import type { ChatStore } from '../ports/chat-store.js';

/** A node whose heartbeat is older than this is dead: its connections stop counting. */
export const NODE_TIMEOUT_MS = 5000;
export const HEARTBEAT_MS = 1000;

/** Heartbeats after this time mean a live node. */
export const liveAfter = (now: number) => now - NODE_TIMEOUT_MS;

/** What the chat use cases work with. The chat state itself lives behind the chat-store port. */
export interface ChatCtx {
  deps: AppDeps;
  store: ChatStore;
  /** This process among the nodes sharing the store. */
  nodeId: string;
  startedAt: number;
  route: RoutingStrategy;
  /**
   * This node's work on one chat, one at a time in arrival order: a sender's messages keep their
   * order, and a retry waits for its first try to be stored.
   */
  perChat: <T>(chatId: string, fn: () => Promise<T>) => Promise<T>;
  /** agentsOnline, remembered briefly (see routing.ts). */
  onlineCount?: { value: number; until: number };
}

export function createChatCtx(deps: AppDeps): ChatCtx {
  return {
    deps,
    store: deps.chatStore,
    nodeId: deps.newId(),
    startedAt: deps.now(),
    route: ROUTING_STRATEGIES['least-loaded'],
    perChat: createKeyedSerializer(),
  };
}
