import type { ChatStore, StaleReason } from '../../app/ports/chat-store.js';
import { createSerializer } from '../../domain/serialize.js';
import type { AccountRecord, QueueEntryRecord } from '../../domain/records.js';
import type { ChatLog } from './chat-log.js';
import { createLocks } from './locks.js';
import { MemoryTx } from './memory-tx.js';
import { MemoryState } from './state.js';

export interface MemoryChatStoreOptions {
  log: ChatLog;
  /** Accounts (status, name, maxChats) of the agents that may be routed to. */
  accounts: (username: string) => Promise<AccountRecord | undefined>;
  now: () => number;
}

/**
 * The chat store of a single node: the queue, the open chats and presence live in memory
 * (restored from the log at start), every change is written to the log (SQLite, group commit) before
 * its transaction resolves. "The routing lock" is a process-local serializer and each chat has a
 * process-local lock; both are held until the transaction's writes are committed. When a
 * transaction fails after changing memory, memory is rebuilt from the log before the lock is let go.
 */
export function createMemoryChatStore(o: MemoryChatStoreOptions): ChatStore {
  const { log } = o;
  const s = new MemoryState(log, o.accounts);
  s.load(o.now());
  const routingLock = createSerializer();
  const acquire = createLocks();

  /** Memory back to what is committed. Call holding the routing lock. */
  const rebuild = async () => {
    while (!log.idle()) await log.settled();
    s.load(o.now());
  };

  const run = async <T>(fn: (tx: MemoryTx) => Promise<T>): Promise<T> => {
    const tx = new MemoryTx(s, log, acquire);
    try {
      const value = await fn(tx);
      if (tx.ops.length) await log.write(tx.ops);
      return value;
    } catch (e) {
      if (tx.dirty) await rebuild();
      else tx.restoreSeqs();
      throw e;
    } finally {
      tx.release();
    }
  };

  const copy = <R extends object | undefined>(r: R): R => (r ? { ...r } : r);

  return {
    routing: (fn) => routingLock(() => run(fn)),
    // A failed chat transaction changed message numbers only (put back), never the queue.
    chat: (fn) => run(fn),

    async join(e) {
      const entry: QueueEntryRecord = { ...e, front: false, position: ++s.positions.back, chatId: null };
      // The place is taken now (first come, first served); the row joins the next group commit.
      s.queue.join(entry, e.joinedAt);
      const ahead = s.queue.ahead(e.id)!;
      try {
        await log.write([{ op: 'insertEntry', entry }]);
      } catch (err) {
        await routingLock(rebuild);
        throw err;
      }
      return ahead;
    },
    async poll(entryId, now) {
      const ahead = s.queue.ahead(entryId);
      if (ahead !== undefined) s.queue.touch(entryId, now);
      return ahead;
    },
    aheadOf: async (entryId) => s.queue.ahead(entryId),
    async touchEntries(ids, now) {
      for (const id of ids) s.queue.touch(id, now);
    },
    // Under the routing lock: an entry being started is not removed half-way.
    removeFreshEntry: (id) =>
      routingLock(() =>
        run(async (tx) => {
          const entry = s.queue.get(id);
          if (!entry || entry.chatId) return false;
          await tx.removeEntry(id);
          return true;
        }),
      ),
    // Looked at first without the lock: most sweeps find nobody to drop.
    dropAbandoned: async (before) =>
      s.queue.expired(before, 0).length === 0
        ? 0
        : routingLock(() =>
            run(async (tx) => {
              let dropped = 0;
              for (const entry of s.queue.expired(before, 0)) {
                // Requeued chats never expire: seen again, they go to the back of the abandonment order.
                if (entry.chatId) s.queue.touch(entry.id, before);
                else {
                  await tx.removeEntry(entry.id);
                  dropped++;
                }
              }
              return dropped;
            }),
          ),
    countWaiting: async () => s.queue.size,

    getChat: async (id) => copy(s.book.get(id)) ?? log.getChat(id),
    findChatByQueueEntry: async (entryId) => log.chatByEntry(entryId),
    getTranscript: async (chatId, afterSeq = 0) => log.transcript(chatId, afterSeq),
    findMessageByClientId: async (chatId, fromRole, clientMsgId) =>
      log.messageByClientId(chatId, fromRole, clientMsgId),
    openChatsOf: async (username) => s.book.openChatsOf(username),
    chatsOf: async (username) => s.book.chatsOf(username).map(copy),

    async touchVisitors(chatIds, now) {
      for (const id of chatIds) if (s.book.get(id)) s.visitorSeen.set(id, Math.max(now, s.visitorSeen.get(id) ?? 0));
    },
    async staleChats(limits) {
      const out: { id: string; reason: StaleReason }[] = [];
      for (const id of s.visitorSeen.keys()) {
        const reason = s.staleness(id, limits);
        if (reason) out.push({ id, reason });
      }
      return out;
    },

    unansweredChats: async (before) => log.unanswered(before),

    countRoutable: async () => (await s.routable()).length,
    routableAgents: () => s.routable(),
    isConnected: async (username) => s.isConnected(username),
    async heartbeat(_nodeId, startedAt) {
      s.startedAt ??= startedAt;
    },
    async setPresence(_nodeId, username, connected, now) {
      s.presence.set(username, { connected, leftAt: connected ? null : now });
    },
    async leaveNode(_nodeId, now) {
      for (const [username, p] of s.presence)
        if (p.connected) s.presence.set(username, { connected: false, leftAt: now });
    },
    countLiveNodes: async () => 1,
    async forgetNodes() {},
    agentsAway: async (_liveAfter, goneBefore) => s.book.agentsWithChats().filter((u) => s.isAway(u, goneBefore)),
  };
}
