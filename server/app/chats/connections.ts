import { Presence } from '../../domain/presence.js';
import type { ChatCtx } from './context.js';
import { dispatch } from './dispatch.js';
import { agentConnectionEvents, visitorPresenceEvents } from './presence.js';
import { requeueChatsOf } from './requeue.js';
import { forgetOnlineCount } from './routing.js';
import type { Work } from './work.js';

/** A visitor's last connection must stay gone this long before its agent hears it is away. */
export const VISITOR_AWAY_AFTER_MS = 3000;

/**
 * The connections of this node: /agent sockets per account (the first and last change its
 * presence, the last starts its grace period), /queue sockets per waiting visitor and /visitor
 * sockets per chat (signs of life at every heartbeat; a chat's visitor away or back).
 */
export function createConnections(ctx: ChatCtx, work: Work, awayAfterMs?: number) {
  const { deps, store } = ctx;
  const graceMs = deps.config.agentGrace * 1000;
  // Said before the chat can close for it (half the visitor grace period at most).
  const visitorAwayAfterMs = awayAfterMs ?? Math.min(VISITOR_AWAY_AFTER_MS, deps.config.visitorGrace * 500);
  const agents = new Presence();
  const queue = new Map<string, number>();
  const visitors = new Map<string, number>();
  /** Chats whose visitor is about to be said away (its timer), or was (when). */
  const away = new Map<string, { timer: NodeJS.Timeout } | { saidAt: number }>();
  const graceTimers = new Map<string, NodeJS.Timeout>();

  let presenceChain: Promise<unknown> = Promise.resolve();
  const setPresence = (username: string, connected: boolean) => {
    const now = deps.now();
    presenceChain = presenceChain
      .then(() => store.setPresence(ctx.nodeId, username, connected, now))
      .catch((err) => deps.log.error({ err }, 'presence write failed'));
    return work.track(presenceChain);
  };
  const count = (map: Map<string, number>, key: string, delta: 1 | -1) => {
    const n = (map.get(key) ?? 0) + delta;
    if (n > 0) map.set(key, n);
    else map.delete(key);
    return n;
  };
  /** After the grace period: the agent's chats go back to the queue, if it is still away everywhere. */
  const requeueIfAway = (username: string) =>
    work.background('grace requeue', () => requeueChatsOf(ctx, username, deps.now() - graceMs));

  return {
    requeueIfAway,
    /**
     * An /agent connection opened (not a passive one). Resolves, once every node counts the account as
     * connected, true when this is its first connection here: then call `agentAvailable` once the
     * connection has its snapshot.
     */
    async agentOpened(username: string, socketId: string): Promise<boolean> {
      if (!agents.connect(username, socketId)) return false;
      clearTimeout(graceTimers.get(username));
      graceTimers.delete(username);
      forgetOnlineCount(ctx);
      await setPresence(username, true);
      void work.background('agent connection', () => agentConnectionEvents(ctx, username, true));
      return true;
    },
    /** An agent may take chats now: hand out what waits. */
    agentAvailable: () => void work.background('dispatch', () => dispatch(ctx)),
    /** An /agent connection closed: after the account's last one, the grace period starts. */
    agentClosed(username: string, socketId: string) {
      if (!agents.disconnect(username, socketId)) return;
      forgetOnlineCount(ctx);
      void setPresence(username, false).then(() => {
        void work.background('agent connection', () => agentConnectionEvents(ctx, username, false));
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
      count(queue, entryId, delta);
      // Closing the connection starts the abandonment clock from now.
      if (delta === -1) void work.track(store.touchEntries([entryId], deps.now()).catch(() => {}));
    },
    /** A /visitor connection of a chat opened (+1) or closed (-1). */
    visitorSocket(chatId: string, delta: 1 | -1) {
      const n = count(visitors, chatId, delta);
      if (delta === 1 && n === 1) {
        const was = away.get(chatId);
        away.delete(chatId);
        if (was && 'saidAt' in was)
          void work.background('visitor presence', () => visitorPresenceEvents(ctx, chatId, true));
        else clearTimeout(was?.timer);
        return;
      }
      if (n > 0) return;
      // The visitor-grace clock starts now; the agent hears "away" only if it lasts.
      void work.track(store.touchVisitors([chatId], deps.now()).catch(() => {}));
      const pending = {
        timer: setTimeout(() => {
          if (away.get(chatId) !== pending) return;
          away.set(chatId, { saidAt: deps.now() });
          void work.background('visitor presence', () => visitorPresenceEvents(ctx, chatId, false));
        }, visitorAwayAfterMs),
      };
      pending.timer.unref();
      away.set(chatId, pending);
    },
    /** The signs of life of this node's waiting and chatting visitors (at every heartbeat). */
    async touch(now: number) {
      await store.touchEntries([...queue.keys()], now);
      await store.touchVisitors([...visitors.keys()], now);
      // A visitor away past its grace period has had its chat closed: forget it.
      const forgetBefore = now - deps.config.visitorGrace * 1000 - 60_000;
      for (const [chatId, a] of away) if ('saidAt' in a && a.saidAt < forgetBefore) away.delete(chatId);
    },
    async stop() {
      for (const t of graceTimers.values()) clearTimeout(t);
      for (const a of away.values()) if ('timer' in a) clearTimeout(a.timer);
      await presenceChain;
    },
  };
}
