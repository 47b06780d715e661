import { ChatBook } from '../../domain/chat-book.js';
import { WaitingQueue } from '../../domain/queue.js';
import { ROUTING_STRATEGIES, type RoutingStrategy } from '../../domain/routing/index.js';
import type { ChatMessage } from '../../protocol/models.js';
import type { AppDeps } from '../deps.js';
import { createSerializer } from '../../domain/serialize.js';
import { toLive } from './common.js';

/** One place in the waiting queue: a fresh visitor, or (chatId set) a chat sent back to the queue. */
export interface QueueItem {
  id: string;
  name: string;
  joinedAt: number;
  chatId: string | null;
}

/** The chat engine's memory: the queue, the live chats, and when each agent last got a chat. */
export interface ChatCtx {
  deps: AppDeps;
  queue: WaitingQueue<QueueItem>;
  book: ChatBook;
  idleSince: Map<string, number>;
  route: RoutingStrategy;
  serialize: <T>(fn: () => Promise<T>) => Promise<T>;
  positions: { front: number; back: number };
  /** Messages being stored, by chat|role|clientMsgId, so a quick retry waits for the first try. */
  inflight: Map<string, Promise<ChatMessage>>;
  /** Live /queue connections per queue entry: a connected waiting visitor is not abandoned. */
  queueSockets: Map<string, number>;
  /** agentsOnline, remembered briefly (see candidates.ts). */
  onlineCount?: { value: number; until: number };
}

export function createChatCtx(deps: AppDeps): ChatCtx {
  return {
    deps,
    queue: new WaitingQueue<QueueItem>(),
    book: new ChatBook(),
    idleSince: new Map(),
    route: ROUTING_STRATEGIES['least-loaded'],
    serialize: createSerializer(),
    positions: { front: 0, back: 0 },
    inflight: new Map(),
    queueSockets: new Map(),
  };
}

/** Rebuilds memory from the store after a start or restart. Every restored entry counts as just seen. */
export async function restore(ctx: ChatCtx): Promise<void> {
  const { queue, chats } = await ctx.deps.store.loadLiveState();
  const now = ctx.deps.now();
  for (const c of chats) {
    const live = toLive(c);
    if (live) ctx.book.add(live);
  }
  ctx.queue.restore(
    queue.map((e) => ({ entry: { id: e.id, name: e.name, joinedAt: e.joinedAt, chatId: e.chatId }, front: e.front, lastSeenAt: now })),
  );
  for (const e of queue) {
    if (e.front) ctx.positions.front = Math.max(ctx.positions.front, e.position);
    else ctx.positions.back = Math.max(ctx.positions.back, e.position);
  }
}
