import type { Actor } from '../../domain/chat-access.js';
import { availability } from '../availability.js';
import type { AppDeps } from '../deps.js';
import type { OutEvent } from '../events.js';
import { closeIfStale, stalenessNow } from './close-stale.js';
import { createConnections } from './connections.js';
import { createChatCtx, HEARTBEAT_MS, liveAfter, NODE_TIMEOUT_MS } from './context.js';
import { dispatch } from './dispatch.js';
import { endChat } from './end-chat.js';
import { abandonExpired, joinQueue, leaveQueue, queueStatus } from './queue.js';
import { requeueChatsOf } from './requeue.js';
import { agentsOnline } from './routing.js';
import { estimateFor } from './wait-estimate.js';
import { sendMessage } from './send-message.js';
import { startChat } from './start-chat.js';
import { transferChat } from './transfer.js';
import { addNote } from './internal-notes.js';
import { reassignIfWaiting } from './reassign.js';
import { createTypingRelay } from './typing.js';
import { rateChat, type ClientHints, type VisitorJoin } from './visitors.js';
import { chatDetail, historyPayload, openChatsPayload } from './views.js';
import { createWork } from './work.js';

export type ChatEngine = Awaited<ReturnType<typeof createChatEngine>>;

export interface ChatEngineOptions {
  /** Carries out the events of what happens on its own (grace periods, abandonment, dispatch on connect). */
  publish: (events: OutEvent[]) => void;
  /** Run the heartbeat and the sweep on timers (default). Tests drive `tick()` themselves instead. */
  timers?: boolean;
  /** How long a visitor's last connection must stay gone before its agent hears "away" (tests shorten it). */
  visitorAwayAfterMs?: number;
}

/**
 * The queue and chat engine: the use cases, plus what runs on its own on each node — a heartbeat
 * (with the signs of life of this node's visitors), a sweep (abandoned queue entries; agents away
 * past the grace period on any node; chats whose visitor left or that went idle), and the timers of
 * this node's connections. Results carry the events to publish. The same whatever the store: the
 * decisions are made in the store's transactions.
 */
export async function createChatEngine(deps: AppDeps, o: ChatEngineOptions) {
  const ctx = createChatCtx(deps);
  const { chatStore: store } = deps;
  const graceMs = deps.config.agentGrace * 1000;
  const work = createWork(deps.log, o.publish);
  const { track } = work;
  const connections = createConnections(ctx, work, o.visitorAwayAfterMs);
  const typing = createTypingRelay(ctx, o.publish);

  const beat = async () => {
    const now = deps.now();
    await store.heartbeat(ctx.nodeId, ctx.startedAt, now);
    await connections.touch(now);
  };
  const sweep = async () => {
    const now = deps.now();
    o.publish(await abandonExpired(ctx));
    for (const username of await store.agentsAway(liveAfter(now), now - graceMs)) {
      await connections.requeueIfAway(username);
    }
    for (const { id } of await store.staleChats(stalenessNow(ctx))) {
      await work.background('closing a stale chat', () => closeIfStale(ctx, id));
    }
    // v2: chats whose visitor waited --reassign-after seconds for a reply move on (reassign.ts).
    const reassignMs = deps.config.reassignAfter * 1000;
    for (const id of reassignMs > 0 ? await store.unansweredChats(now - reassignMs) : []) {
      await work.background('reassigning a chat', () => reassignIfWaiting(ctx, id));
    }
    await store.forgetNodes(now - graceMs - NODE_TIMEOUT_MS - 60_000);
  };
  await beat();

  const tickMs = Math.max(100, Math.min(HEARTBEAT_MS, deps.config.abandonAfter * 250, Math.max(graceMs, 1000) / 4));
  /** Runs `job` every tickMs, never two at once. */
  const every = (what: string, job: () => Promise<void>) => {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      running ??= track(job().catch((err) => deps.log.error({ err }, `${what} failed`))).finally(() => {
        running = undefined;
      });
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
    joinQueue: (name: string, address: string, visitor?: VisitorJoin, hints?: ClientHints) =>
      track(joinQueue(ctx, name, address, visitor, hints)),
    queueStatus: (token: string | undefined) => queueStatus(ctx, token),
    leaveQueue: (token: string | undefined) => track(leaveQueue(ctx, token)),
    startChat: (token: string | undefined) => track(startChat(ctx, token)),
    sendMessage: (actor: Actor, chatId: string, body: string, clientMsgId?: string) =>
      track(sendMessage(ctx, actor, chatId, body, clientMsgId)),
    endChat: (actor: Actor, chatId: string) => track(endChat(ctx, actor, chatId)),
    transferChat: (actor: Actor & { role: 'agent' }, chatId: string, to: string) =>
      track(transferChat(ctx, actor, chatId, to)),
    /** v2: an internal note by the chat's agent (staff only). */
    addNote: (actor: Actor & { role: 'agent' }, chatId: string, body: string, clientMsgId?: string) =>
      track(addNote(ctx, actor, chatId, body, clientMsgId)),
    /** v2: a visitor rates its ended chat (user token). */
    rateChat: (token: string | undefined, input: { score: number; comment?: string }) =>
      track(rateChat(ctx, token, input)),
    /** v2: typing indicators, relayed (throttled) to the other side of the chat. */
    typing,
    /** Logout / deletion: the agent's chats go back to the front of the queue now. */
    requeueChatsOf: (username: string) => track(requeueChatsOf(ctx, username)),
    /** Capacity may have appeared (agent online, maxChats raised): hand out waiting chats. */
    dispatch: () => track(dispatch(ctx)),

    agentSocketOpened: connections.agentOpened,
    agentAvailable: connections.agentAvailable,
    agentSocketClosed: connections.agentClosed,
    queueSocket: connections.queueSocket,
    visitorSocket: connections.visitorSocket,

    openChatsOf: (username: string) => store.openChatsOf(username),
    /** Whether the account has a live /agent connection on any node. */
    isConnected: (username: string) => store.isConnected(username, liveAfter(deps.now())),
    openChatsPayload: (username: string, since?: Record<string, number>) => openChatsPayload(ctx, username, since),
    /**
     * `chats:open` for a new connection, made under the routing lock: an assignment decided around it
     * is either in it or committed after it, so its `chat:assigned` never reaches the agent before
     * this snapshot (which a client takes as the whole truth about its chats).
     */
    agentSnapshot: (username: string, since?: Record<string, number>) =>
      store.routing(async (tx) => openChatsPayload(ctx, username, since, await tx.chatsOf(username))),
    historyPayload: (chatId: string, since?: number) =>
      historyPayload(
        store,
        chatId,
        since,
        (username) => store.isConnected(username, liveAfter(deps.now())),
        () => agentsOnline(ctx),
        (ahead) => estimateFor(ctx, ahead),
      ),
    chatDetail: (who: { username: string; role: 'agent' | 'admin' }, chatId: string) => chatDetail(ctx, who, chatId),
    waiting: () => store.countWaiting(),
    /** GET /api/availability (contract v2). */
    availability: () => availability(ctx),
    /** Nodes serving this queue (1 on SQLite). */
    nodes: () => store.countLiveNodes(liveAfter(deps.now())),

    /** One heartbeat and one sweep, now (the timers do this every tick). */
    async tick() {
      await beat();
      await track(sweep());
    },
    /** Resolves once the work under way (and what it started) is done. */
    drain: work.drain,
    async stop() {
      await Promise.all(timers.map((t) => t.stop()));
      await connections.stop();
      // This node's agents count as gone from now (their grace period starts), and the node is forgotten.
      await store
        .leaveNode(ctx.nodeId, deps.now())
        .catch((err) => deps.log.error({ err }, 'leaving the cluster failed'));
    },
  };
}
