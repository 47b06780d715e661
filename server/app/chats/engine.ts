import type { Actor } from '../../domain/chat-rules.js';
import type { AppDeps } from '../deps.js';
import type { OutEvent } from '../events.js';
import { endChat, sendMessage, transferChat } from './conversation.js';
import { abandonExpired, joinQueue, leaveQueue, queueStatus, startChat } from './queue.js';
import { dispatch, requeueChatsOf } from './requeue.js';
import { createChatCtx, restore } from './state.js';
import { chatDetail, historyPayload, openChatsPayload } from './views.js';

export type ChatEngine = Awaited<ReturnType<typeof createChatEngine>>;

/**
 * The queue and chat engine: restores its memory from the store, runs the abandonment sweep and the
 * agents' grace timers, and exposes the use cases. Results carry the events to publish.
 */
export async function createChatEngine(deps: AppDeps, publish: (events: OutEvent[]) => void) {
  const ctx = createChatCtx(deps);
  await restore(ctx);
  const graceTimers = new Map<string, NodeJS.Timeout>();
  const safely = (what: string, run: () => Promise<OutEvent[]>) =>
    run().then(publish, (err) => deps.log.error({ err }, `${what} failed`));

  const startGrace = (username: string) => {
    clearTimeout(graceTimers.get(username));
    const timer = setTimeout(() => {
      graceTimers.delete(username);
      if (deps.presence.isConnected(username)) return;
      deps.log.info({ username }, 'agent grace period over');
      void safely('grace requeue', () => ctx.serialize(() => requeueChatsOf(ctx, username)));
    }, deps.config.agentGrace * 1000);
    timer.unref();
    graceTimers.set(username, timer);
  };
  // After a restart nobody is connected yet: agents holding chats get the grace period to come back.
  for (const username of ctx.book.agentsWithChats()) startGrace(username);

  const sweepMs = Math.max(200, Math.min(5000, deps.config.abandonAfter * 250));
  const sweep = setInterval(() => void safely('abandon sweep', () => abandonExpired(ctx)), sweepMs);
  sweep.unref();

  return {
    joinQueue: (name: string, address: string) => joinQueue(ctx, name, address),
    queueStatus: (token: string | undefined) => queueStatus(ctx, token),
    leaveQueue: (token: string | undefined) => leaveQueue(ctx, token),
    startChat: (token: string | undefined) => startChat(ctx, token),
    sendMessage: (actor: Actor, chatId: string, body: string, clientMsgId?: string) => sendMessage(ctx, actor, chatId, body, clientMsgId),
    endChat: (actor: Actor, chatId: string) => endChat(ctx, actor, chatId),
    transferChat: (actor: Actor & { role: 'agent' }, chatId: string, to: string) => transferChat(ctx, actor, chatId, to),
    /** Logout / deletion: the agent's chats go back to the front of the queue now. */
    requeueChatsOf: (username: string) => ctx.serialize(() => requeueChatsOf(ctx, username)),
    /** Capacity may have appeared (agent online, maxChats raised): hand out waiting chats. */
    dispatch: () => ctx.serialize(() => dispatch(ctx)),
    agentConnected(username: string) {
      clearTimeout(graceTimers.get(username));
      graceTimers.delete(username);
      ctx.onlineCount = undefined;
      if (!ctx.idleSince.has(username)) ctx.idleSince.set(username, deps.now());
      void safely('dispatch', () => ctx.serialize(() => dispatch(ctx)));
    },
    agentDisconnected: (username: string) => {
      ctx.onlineCount = undefined;
      if (ctx.book.openChatsOf(username) > 0) startGrace(username);
    },
    openChatsOf: async (username: string) => ctx.book.openChatsOf(username),
    isConnected: async (username: string) => deps.presence.isConnected(username),
    openChatsPayload: (username: string, since?: Record<string, number>) => openChatsPayload(deps.store, ctx.book.chatsOf(username), since),
    historyPayload(chatId: string, since?: number) {
      const live = ctx.book.get(chatId);
      return historyPayload(deps.store, chatId, live, live?.status === 'queued' ? ctx.queue.ahead(chatId) : undefined, since);
    },
    chatDetail: (username: string, chatId: string) => chatDetail(deps.store, username, chatId, ctx.book.get(chatId)),
    waiting: async () => ctx.queue.size,
    /** Nodes serving this queue: this one. */
    nodes: async () => 1,
    /** A /queue connection of a waiting visitor opened (+1) or closed (-1). */
    queueSocket(entryId: string, delta: 1 | -1) {
      const n = (ctx.queueSockets.get(entryId) ?? 0) + delta;
      if (n > 0) ctx.queueSockets.set(entryId, n);
      else ctx.queueSockets.delete(entryId);
      // Closing the connection starts the abandonment clock from now.
      if (delta === -1) ctx.queue.touch(entryId, deps.now());
    },
    /** Resolves once queued chat operations and the writes they started have been committed. */
    async drain() {
      await ctx.serialize(async () => {});
      await new Promise((resolve) => setImmediate(resolve));
    },
    stop() {
      clearInterval(sweep);
      for (const t of graceTimers.values()) clearTimeout(t);
    },
  };
}
