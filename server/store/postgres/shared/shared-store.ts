import type pg from 'pg';
import type { ChatRecord } from '../../port.js';
import type { SharedChatStore } from '../../shared-port.js';
import { createSerializer } from '../../../domain/serialize.js';
import { toChat, type ChatRow } from '../rows.js';
import { inTransaction } from '../transaction.js';
import { AHEAD, ENTRY_COLUMNS, connected, away } from './sql.js';
import { chatTx, routingTx } from './tx.js';

/** Serialises routing decisions across every node; held to the end of the transaction. */
const ROUTING_LOCK = `SELECT pg_advisory_xact_lock(hashtext('switchboard:routing'))`;

/** The shared chat store on PostgreSQL (see shared-port.ts). */
export function sharedChatStore(pool: pg.Pool): SharedChatStore {
  const count = async (sql: string, values: unknown[] = []) => (await pool.query<{ n: number }>(sql, values)).rows[0]?.n;
  // One routing transaction per node at a time: the others wait here, not on a pooled connection.
  const oneAtATime = createSerializer();
  return {
    transaction: (fn) => inTransaction(pool, (client) => fn(chatTx(client))),
    routing: (fn) =>
      oneAtATime(() =>
        inTransaction(pool, async (client) => {
          await client.query(ROUTING_LOCK);
          return fn(routingTx(client));
        }),
      ),

    async join(e) {
      const sql = `WITH me AS (INSERT INTO queue_entries (${ENTRY_COLUMNS}) VALUES ($1, $2, $3, false, nextval('queue_back_seq'), NULL, $3) RETURNING front, position)
                   SELECT ${AHEAD} AS n FROM me`;
      return (await count(sql, [e.id, e.name, e.joinedAt]))!;
    },
    poll: (entryId, now) =>
      // The sign of life is written at most once a quarter second per entry (polls come often).
      count(
        `WITH touch AS (UPDATE queue_entries SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2::bigint - 250)
         SELECT ${AHEAD} AS n FROM queue_entries me WHERE me.id = $1`,
        [entryId, now],
      ),
    aheadOf: (entryId) => count(`SELECT ${AHEAD} AS n FROM queue_entries me WHERE me.id = $1`, [entryId]),
    async touchEntries(ids, now) {
      if (ids.length) await pool.query('UPDATE queue_entries SET last_seen_at = $2 WHERE id = ANY($1)', [ids, now]);
    },
    async removeFreshEntry(id) {
      return (await pool.query('DELETE FROM queue_entries WHERE id = $1 AND chat_id IS NULL', [id])).rowCount === 1;
    },
    async dropAbandoned(before) {
      return (await pool.query('DELETE FROM queue_entries WHERE chat_id IS NULL AND last_seen_at < $1', [before])).rowCount ?? 0;
    },
    countWaiting: async () => (await count('SELECT count(*) AS n FROM queue_entries'))!,

    countRoutable: async (liveAfter) => (await count(`SELECT count(*) AS n FROM accounts a WHERE a.status = 'online' AND ${connected('a.username', '$1')}`, [liveAfter]))!,
    async isConnected(username, liveAfter) {
      return (await pool.query<{ yes: boolean }>(`SELECT ${connected('$1', '$2')} AS yes`, [username, liveAfter])).rows[0]!.yes;
    },
    openChatsOf: async (username) => (await count(`SELECT count(*) AS n FROM chats WHERE agent_username = $1 AND status = 'active'`, [username]))!,
    async chatsOf(username): Promise<ChatRecord[]> {
      const sql = `SELECT * FROM chats WHERE agent_username = $1 AND status = 'active' ORDER BY started_at, id`;
      return (await pool.query<ChatRow>(sql, [username])).rows.map(toChat);
    },

    async heartbeat(nodeId, startedAt, now) {
      await pool.query('INSERT INTO nodes (id, started_at, seen_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at', [nodeId, startedAt, now]);
    },
    async setPresence(nodeId, username, isConnected, now) {
      await pool.query(
        `INSERT INTO presence (node_id, username, connected, left_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (node_id, username) DO UPDATE SET connected = EXCLUDED.connected, left_at = EXCLUDED.left_at`,
        [nodeId, username, isConnected, isConnected ? null : now],
      );
    },
    async leaveNode(nodeId, now) {
      await inTransaction(pool, async (c) => {
        await c.query('UPDATE presence SET connected = false, left_at = $2 WHERE node_id = $1 AND connected', [nodeId, now]);
        await c.query('DELETE FROM nodes WHERE id = $1', [nodeId]);
      });
    },
    countLiveNodes: async (liveAfter) => (await count('SELECT count(*) AS n FROM nodes WHERE seen_at > $1', [liveAfter]))!,
    async forgetNodes(before) {
      await inTransaction(pool, async (c) => {
        await c.query('DELETE FROM nodes WHERE seen_at < $1', [before]);
        await c.query('DELETE FROM presence p WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = p.node_id) AND COALESCE(p.left_at, 0) < $1', [before]);
      });
    },
    async agentsAway(liveAfter, goneBefore) {
      // Each agent holding chats is looked at once, however many chats it holds.
      const sql = `SELECT a.username FROM (SELECT DISTINCT agent_username AS username FROM chats WHERE status = 'active') a
                   WHERE ${away('a.username', '$1', '$2')}`;
      return (await pool.query<{ username: string }>(sql, [liveAfter, goneBefore])).rows.map((r) => r.username);
    },
  };
}
