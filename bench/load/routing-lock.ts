/**
 * The routing lock on its own (cluster scenario): every routing decision of every node runs in one
 * PostgreSQL transaction holding one advisory lock (server/store/postgres/chat-store.ts),
 * so its hold time bounds how many visitors the whole cluster can hand to agents per second, however
 * many nodes there are. This process runs, through the server's own chat store (the same SQL, the
 * same lock, the same one-at-a-time per store), what serving one visitor costs in routing
 * transactions: the start (entry with its place, routable agents, delete the entry, insert the chat,
 * mark the agent) and the dispatch that follows (head of the queue, routable agents). `parallel`
 * stores stand for that many nodes. The chats it inserts are `ended`, so no agent's load changes;
 * the entries are its own, joined beforehand and removed afterwards.
 */
import { openPool } from '../../server/store/postgres/open.js';
import { postgresChatStore } from '../../server/store/postgres/chat-store.js';
import { newId } from '../../server/security/random.js';
import { mapLimit } from '../lib/async.js';
import { serveRpc } from '../lib/rpc.js';
import { summarize } from '../lib/stats.js';

/** As server/app/chats/context.ts NODE_TIMEOUT_MS: heartbeats newer than this are live nodes. */
const NODE_TIMEOUT_MS = 5000;

serveRpc({
  async run(a: { databaseUrl: string; parallel: number; durationMs: number; entries: number }) {
    const pools = await Promise.all(Array.from({ length: a.parallel }, () => openPool(a.databaseUrl)));
    const stores = pools.map((p) => postgresChatStore(p));
    const ids = Array.from({ length: a.entries }, () => newId());
    try {
      // The entries (the scenario's queue is empty at this point).
      await mapLimit(ids, 8, (id) => stores[0]!.join({ id, name: 'Routing bench', joinedAt: Date.now() }));
      let next = 0;
      const hold: number[] = [];
      const wait: number[] = [];
      let served = 0,
        transactions = 0,
        noAgent = 0;
      const t0 = performance.now();
      const until = t0 + a.durationMs;
      await Promise.all(
        stores.map(async (store) => {
          while (performance.now() < until && next < ids.length) {
            const id = ids[next++]!;
            // The start.
            let asked = performance.now();
            let locked = 0;
            const agent = await store.routing(async (tx) => {
              locked = performance.now();
              const found = await tx.entry(id);
              if (!found) return undefined;
              const routable = await tx.routable(Date.now() - NODE_TIMEOUT_MS);
              const agent = routable[0];
              if (!agent) return undefined;
              const now = Date.now();
              await tx.removeEntry(id);
              await tx.insertChat({
                id: newId(),
                visitorName: 'Routing bench',
                agentUsername: agent.username,
                agentName: agent.name,
                status: 'ended',
                startedAt: now,
                endedAt: now,
                endedBy: 'system',
                lastSeq: 0,
                queueEntryId: id,
              });
              await tx.markAssigned(agent.username, now);
              return agent;
            });
            hold.push(performance.now() - locked);
            wait.push(locked - asked);
            transactions++;
            if (!agent) {
              noAgent++;
              continue;
            }
            // The dispatch after it.
            asked = performance.now();
            await store.routing(async (tx) => {
              locked = performance.now();
              await tx.head();
              await tx.routable(Date.now() - NODE_TIMEOUT_MS);
            });
            hold.push(performance.now() - locked);
            wait.push(locked - asked);
            transactions++;
            served++;
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      const holdMs = summarize(hold);
      return {
        parallel: a.parallel,
        served,
        transactions,
        noAgent,
        exhausted: next >= ids.length,
        servedPerSec: Math.round(served / secs),
        transactionsPerSec: Math.round(transactions / secs),
        holdMs,
        lockWaitMs: summarize(wait),
        /** The lock's ceiling if transactions followed each other with no gap: 1 / mean hold time. */
        ceilingTransactionsPerSec: Math.round(1000 / holdMs.mean),
      };
    } finally {
      // Leftover entries (the window ended first) leave the queue.
      await mapLimit(ids, 8, (id) => stores[0]!.removeFreshEntry(id)).catch(() => {});
      await Promise.all(pools.map((p) => p.end()));
    }
  },
});
