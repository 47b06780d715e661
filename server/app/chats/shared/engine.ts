import type { Actor } from '../../../domain/chat-rules.js';
import type { SharedChatStore } from '../../../store/shared-port.js';
import type { AppDeps } from '../../deps.js';
import type { OutEvent } from '../../events.js';
import type { ChatEngine } from '../engine.js';
import { toLive } from '../common.js';
import { chatDetail, historyPayload, openChatsPayload } from '../views.js';
import { HEARTBEAT_MS, NODE_TIMEOUT_MS, createSharedCtx, liveAfter } from './context.js';
import { endChat, sendMessage, transferChat } from './conversation.js';
import { abandonExpired, joinQueue, leaveQueue, queueStatus, startChat } from './queue.js';
import { dispatch, requeueChatsOf } from './routing.js';

/**
 * The chat engine for several nodes on one shared store: the same use cases as the one-node engine,
 * but every decision is made in the database, so any node may take any request. Each node writes a
 * heartbeat and its agents' presence, and sweeps: abandoned entries, and agents away past their grace
 * period on any node (a dead node's included), are handled by whichever node gets there first.
 */
export async function createSharedChatEngine(deps: AppDeps, store: SharedChatStore, publish: (events: OutEvent[]) => void): Promise<ChatEngine> {
  const ctx = createSharedCtx(deps, store);
  const graceMs = deps.config.agentGrace * 1000;
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const forget = () => inflight.delete(p);
    p.then(forget, forget);
    return p;
  };
  const safely = (what: string, run: () => Promise<OutEvent[]>) =>
    track(run().then(publish, (err) => deps.log.error({ err }, `${what} failed`)));

  // Presence writes of this node, one at a time in the order the connections changed.
  let presenceChain: Promise<unknown> = Promise.resolve();
  const setPresence = (username: string, connected: boolean) => {
    const now = deps.now();
    presenceChain = presenceChain.then(() => store.setPresence(ctx.nodeId, username, connected, now)).catch((err) => deps.log.error({ err }, 'presence write failed'));
    return track(presenceChain);
  };

  const graceTimers = new Map<string, NodeJS.Timeout>();
  const requeueIfAway = (username: string) =>
    safely('grace requeue', () => requeueChatsOf(ctx, username, deps.now() - graceMs));

  // /queue connections on this node: their entries count as alive at every heartbeat.
  const queueSockets = new Map<string, number>();
  // The heartbeat (with the signs of life of this node's /queue connections) runs on its own, so a
  // long sweep never makes this node look dead; the sweep handles what any node may handle.
  const beat = async () => {
    const now = deps.now();
    await store.heartbeat(ctx.nodeId, ctx.startedAt, now);
    await store.touchEntries([...queueSockets.keys()], now);
  };
  const sweep = async () => {
    const now = deps.now();
    publish(await abandonExpired(ctx));
    for (const username of await store.agentsAway(liveAfter(ctx), now - graceMs)) await requeueIfAway(username);
    await store.forgetNodes(now - graceMs - NODE_TIMEOUT_MS - 60_000);
  };
  await beat();
  const tickMs = Math.max(100, Math.min(HEARTBEAT_MS, Math.min(deps.config.abandonAfter * 250, Math.max(graceMs, 1000) / 4)));
  /** Runs `job` every tickMs, never two at once. */
  const every = (what: string, job: () => Promise<void>) => {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      running ??= track(job().catch((err) => deps.log.error({ err }, `${what} failed`))).finally(() => (running = undefined));
    }, tickMs);
    timer.unref();
    return { stop: async () => (clearInterval(timer), await running) };
  };
  const timers = [every('heartbeat', beat), every('sweep', sweep)];

  return {
    joinQueue: (name: string, address: string) => track(joinQueue(ctx, name, address)),
    queueStatus: (token: string | undefined) => queueStatus(ctx, token),
    leaveQueue: (token: string | undefined) => track(leaveQueue(ctx, token)),
    startChat: (token: string | undefined) => track(startChat(ctx, token)),
    sendMessage: (actor: Actor, chatId: string, body: string, clientMsgId?: string) => track(sendMessage(ctx, actor, chatId, body, clientMsgId)),
    endChat: (actor: Actor, chatId: string) => track(endChat(ctx, actor, chatId)),
    transferChat: (actor: Actor & { role: 'agent' }, chatId: string, to: string) => track(transferChat(ctx, actor, chatId, to)),
    requeueChatsOf: (username: string) => track(requeueChatsOf(ctx, username)),
    dispatch: () => track(dispatch(ctx)),
    agentConnected(username: string) {
      clearTimeout(graceTimers.get(username));
      graceTimers.delete(username);
      void setPresence(username, true).then(() => safely('dispatch', () => dispatch(ctx)));
    },
    agentDisconnected(username: string) {
      ctx.onlineCount = undefined;
      void setPresence(username, false).then(() => {
        clearTimeout(graceTimers.get(username));
        const t = setTimeout(() => {
          graceTimers.delete(username);
          void requeueIfAway(username);
        }, graceMs);
        t.unref();
        graceTimers.set(username, t);
      });
    },
    openChatsOf: (username: string) => store.openChatsOf(username),
    isConnected: (username: string) => store.isConnected(username, liveAfter(ctx)),
    openChatsPayload: async (username: string, since?: Record<string, number>) =>
      openChatsPayload(deps.store, (await store.chatsOf(username)).map((c) => toLive(c)!), since),
    async historyPayload(chatId: string, since?: number) {
      const record = await deps.store.getChat(chatId);
      const live = record && toLive(record);
      return historyPayload(deps.store, chatId, live, live?.status === 'queued' ? await store.aheadOf(chatId) : undefined, since);
    },
    chatDetail: async (username: string, chatId: string) => {
      const record = await deps.store.getChat(chatId);
      return chatDetail(deps.store, username, chatId, record && toLive(record));
    },
    waiting: () => store.countWaiting(),
    nodes: () => store.countLiveNodes(liveAfter(ctx)),
    queueSocket(entryId: string, delta: 1 | -1) {
      const n = (queueSockets.get(entryId) ?? 0) + delta;
      if (n > 0) queueSockets.set(entryId, n);
      else queueSockets.delete(entryId);
      // Closing the connection starts the abandonment clock from now.
      if (delta === -1) void track(store.touchEntries([entryId], deps.now()).catch(() => {}));
    },
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    async stop() {
      for (const t of graceTimers.values()) clearTimeout(t);
      await Promise.all(timers.map((t) => t.stop()));
      await presenceChain;
      // This node's agents count as gone from now (their grace period starts), and the node is forgotten.
      await store.leaveNode(ctx.nodeId, deps.now()).catch((err) => deps.log.error({ err }, 'leaving the cluster failed'));
    },
  };
}
