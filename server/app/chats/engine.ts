import type { Actor } from '../../domain/chat-access.js';
import { Presence } from '../../domain/presence.js';
import type { AppDeps } from '../deps.js';
import type { OutEvent } from '../events.js';
import { createChatCtx, HEARTBEAT_MS, liveAfter, NODE_TIMEOUT_MS } from './context.js';
import { dispatch } from './dispatch.js';
import { endChat } from './end-chat.js';
import { abandonExpired, joinQueue, leaveQueue, queueStatus } from './queue.js';
import { requeueChatsOf } from './requeue.js';
import { forgetOnlineCount } from './routing.js';
import { sendMessage } from './send-message.js';
import { startChat } from './start-chat.js';
import { transferChat } from './transfer.js';
import { chatDetail, historyPayload, openChatsPayload } from './views.js';

export type ChatEngine = Awaited<ReturnType<typeof createChatEngine>>;

export interface ChatEngineOptions {
  /** Carries out the events of what happens on its own (grace periods, abandonment, dispatch on connect). */
  publish: (events: OutEvent[]) => void;
  /** Run the heartbeat and the sweep on timers (default). Tests drive `sweep()` themselves instead. */
  timers?: boolean;
}

/**
 * The queue and chat engine: the use cases, plus what runs on its own on each node — a heartbeat,
 * a sweep (abandoned queue entries; agents away past the grace period, on any node), and a timer
 * for the exact end of the grace period of an agent that left this node. Results carry the events
 * to publish. The same whatever the store: the decisions are made in the store's transactions.
 */
export async function createChatEngine(deps: AppDeps, o: ChatEngineOptions) {
  const ctx = createChatCtx(deps);
  const { chatStore: store } = deps;
  const graceMs = deps.config.agentGrace * 1000;
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const forget = () => inflight.delete(p);
    p.then(forget, forget);
    return p;
  };
  const safely = (what: string, run: () => Promise<OutEvent[]>) =>
    track(run().then(o.publish, (err) => deps.log.error({ err }, `${what} failed`)));

  // /agent connections of this node, per account; their first and last change the account's presence.
  const sockets = new Presence();
  let presenceChain: Promise<unknown> = Promise.resolve();
  const setPresence = (username: string, connected: boolean) => {
    const now = deps.now();
    presenceChain = presenceChain
      .then(() => store.setPresence(ctx.nodeId, username, connected, now))
      .catch((err) => deps.log.error({ err }, 'presence write failed'));
    return track(presenceChain);
  };

  const graceTimers = new Map<string, NodeJS.Timeout>();
  const requeueIfAway = (username: string) =>
    safely('grace requeue', () => requeueChatsOf(ctx, username, deps.now() - graceMs));

  // /queue connections on this node: their entries count as alive at every heartbeat.
  const queueSockets = new Map<string, number>();
  const beat = async () => {
    const now = deps.now();
    await store.heartbeat(ctx.nodeId, ctx.startedAt, now);
    await store.touchEntries([...queueSockets.keys()], now);
  };
  const sweep = async () => {
    const now = deps.now();
    o.publish(await abandonExpired(ctx));
    for (const username of await store.agentsAway(liveAfter(now), now - graceMs)) await requeueIfAway(username);
    await store.forgetNodes(now - graceMs - NODE_TIMEOUT_MS - 60_000);
  };
  await beat();

  const tickMs = Math.max(100, Math.min(HEARTBEAT_MS, deps.config.abandonAfter * 250, Math.max(graceMs, 1000) / 4));
  /** Runs `job` every tickMs, never two at once. */
  const every = (what: string, job: () => Promise<void>) => {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      running ??= track(job().catch((err) => deps.log.error({ err }, `${what} failed`))).finally(
        () => (running = undefined),
      );
    }, tickMs);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  };
  const timers = o.timers === false ? [] : [every('heartbeat', beat), every('sweep', sweep)];

  return {
    joinQueue: (name: string, address: string) => track(joinQueue(ctx, name, address)),
    queueStatus: (token: string | undefined) => queueStatus(ctx, token),
    leaveQueue: (token: string | undefined) => track(leaveQueue(ctx, token)),
    startChat: (token: string | undefined) => track(startChat(ctx, token)),
    sendMessage: (actor: Actor, chatId: string, body: string, clientMsgId?: string) =>
      track(sendMessage(ctx, actor, chatId, body, clientMsgId)),
    endChat: (actor: Actor, chatId: string) => track(endChat(ctx, actor, chatId)),
    transferChat: (actor: Actor & { role: 'agent' }, chatId: string, to: string) =>
      track(transferChat(ctx, actor, chatId, to)),
    /** Logout / deletion: the agent's chats go back to the front of the queue now. */
    requeueChatsOf: (username: string) => track(requeueChatsOf(ctx, username)),
    /** Capacity may have appeared (agent online, maxChats raised): hand out waiting chats. */
    dispatch: () => track(dispatch(ctx)),

    /** An /agent connection opened (not a passive one): the account's first one makes it routable. */
    /**
     * Resolves, once every node counts the account as connected, true when this is its first
     * connection here: then call `agentAvailable` once the connection has its snapshot.
     */
    async agentSocketOpened(username: string, socketId: string): Promise<boolean> {
      if (!sockets.connect(username, socketId)) return false;
      clearTimeout(graceTimers.get(username));
      graceTimers.delete(username);
      forgetOnlineCount(ctx);
      await setPresence(username, true);
      return true;
    },
    /** An agent may take chats now: hand out what waits. */
    agentAvailable: () => void safely('dispatch', () => dispatch(ctx)),
    /** An /agent connection closed: after the account's last one, the grace period starts. */
    agentSocketClosed(username: string, socketId: string) {
      if (!sockets.disconnect(username, socketId)) return;
      forgetOnlineCount(ctx);
      void setPresence(username, false).then(() => {
        clearTimeout(graceTimers.get(username));
        const timer = setTimeout(() => {
          graceTimers.delete(username);
          void requeueIfAway(username);
        }, graceMs);
        timer.unref();
        graceTimers.set(username, timer);
      });
    },
    /** A /queue connection of a waiting visitor opened (+1) or closed (-1). */
    queueSocket(entryId: string, delta: 1 | -1) {
      const n = (queueSockets.get(entryId) ?? 0) + delta;
      if (n > 0) queueSockets.set(entryId, n);
      else queueSockets.delete(entryId);
      // Closing the connection starts the abandonment clock from now.
      if (delta === -1) void track(store.touchEntries([entryId], deps.now()).catch(() => {}));
    },

    openChatsOf: (username: string) => store.openChatsOf(username),
    /** Whether the account has a live /agent connection on any node. */
    isConnected: (username: string) => store.isConnected(username, liveAfter(deps.now())),
    openChatsPayload: (username: string, since?: Record<string, number>) => openChatsPayload(store, username, since),
    /**
     * `chats:open` for a new connection, made under the routing lock: an assignment decided around it
     * is either in it or committed after it, so its `chat:assigned` never reaches the agent before
     * this snapshot (which a client takes as the whole truth about its chats).
     */
    agentSnapshot: (username: string, since?: Record<string, number>) =>
      store.routing(async (tx) => openChatsPayload(store, username, since, await tx.chatsOf(username))),
    historyPayload: (chatId: string, since?: number) => historyPayload(store, chatId, since),
    chatDetail: (username: string, chatId: string) => chatDetail(store, username, chatId),
    waiting: () => store.countWaiting(),
    /** Nodes serving this queue (1 on SQLite). */
    nodes: () => store.countLiveNodes(liveAfter(deps.now())),

    /** One heartbeat and one sweep, now (the timers do this every tick). */
    async tick() {
      await beat();
      await track(sweep());
    },
    /** Resolves once the work under way (and what it started) is done. */
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    async stop() {
      for (const t of graceTimers.values()) clearTimeout(t);
      await Promise.all(timers.map((t) => t.stop()));
      await presenceChain;
      // This node's agents count as gone from now (their grace period starts), and the node is forgotten.
      await store
        .leaveNode(ctx.nodeId, deps.now())
        .catch((err) => deps.log.error({ err }, 'leaving the cluster failed'));
    },
  };
}
