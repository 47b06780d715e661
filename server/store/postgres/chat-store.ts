import type pg from 'pg';
import type { ChatStore, StaleReason } from '../../app/ports/chat-store.js';
import type { ChatRecord } from '../../domain/records.js';
import { createSerializer } from '../../domain/serialize.js';
import { chatTx, routingTx, SQL as TX_SQL } from './chat-tx.js';
import { toChat, toMessage, type ChatRow, type MessageRow } from './rows.js';
import { UNANSWERED_SQL } from '../rows.js';
import { AHEAD, away, connected, ENTRY_COLUMNS, ROUTABLE, staleReason, type RoutableRow } from './sql.js';
import { inTransaction } from './transaction.js';

/** Serialises routing decisions across every node; held to the end of the transaction. */
const ROUTING_LOCK = `SELECT pg_advisory_xact_lock(hashtext('switchboard:routing'))`;

const READS = {
  getChat: { name: 'sb_get_chat', text: 'SELECT * FROM chats WHERE id = $1' },
  chatByEntry: { name: 'sb_chat_by_entry', text: 'SELECT * FROM chats WHERE queue_entry_id = $1' },
  transcript: { name: 'sb_transcript', text: 'SELECT * FROM messages WHERE chat_id = $1 AND seq > $2 ORDER BY seq' },
};

/**
 * The chat store of several nodes sharing PostgreSQL: no chat state in any node. Routing
 * transactions run under one advisory lock, a chat's row is locked while a message gets its number,
 * queue places come from sequences, and presence is rows with a heartbeat per node.
 */
export function postgresChatStore(pool: pg.Pool): ChatStore {
  const count = async (sql: string, values: unknown[] = []) =>
    (await pool.query<{ n: number }>(sql, values)).rows[0]?.n;
  const one = async <R extends pg.QueryResultRow>(q: pg.QueryConfig) => (await pool.query<R>(q)).rows[0];
  // One routing transaction per node at a time: the others wait here, not on a pooled connection.
  const oneRouting = createSerializer();
  // This node's joins, one at a time: each counts the places ahead after the previous one is in.
  const oneJoin = createSerializer();
  return {
    routing: (fn) =>
      oneRouting(() =>
        inTransaction(pool, async (client) => {
          await client.query(ROUTING_LOCK);
          return fn(routingTx(client));
        }),
      ),
    chat: (fn) => inTransaction(pool, (client) => fn(chatTx(client))),

    join: (e) =>
      oneJoin(async () => {
        const sql = `WITH me AS (INSERT INTO queue_entries (${ENTRY_COLUMNS})
                       VALUES ($1, $2, $3, false, nextval('queue_back_seq'), NULL, $3) RETURNING front, position)
                     SELECT ${AHEAD} AS n FROM me`;
        return (await count(sql, [e.id, e.name, e.joinedAt]))!;
      }),
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
      const sql = 'DELETE FROM queue_entries WHERE chat_id IS NULL AND last_seen_at < $1';
      return (await pool.query(sql, [before])).rowCount ?? 0;
    },
    countWaiting: async () => (await count('SELECT count(*) AS n FROM queue_entries'))!,

    async getChat(id) {
      const r = await one<ChatRow>({ ...READS.getChat, values: [id] });
      return r && toChat(r);
    },
    async findChatByQueueEntry(entryId) {
      const r = await one<ChatRow>({ ...READS.chatByEntry, values: [entryId] });
      return r && toChat(r);
    },
    async getTranscript(chatId, afterSeq = 0) {
      return (await pool.query<MessageRow>({ ...READS.transcript, values: [chatId, afterSeq] })).rows.map(toMessage);
    },
    async findMessageByClientId(chatId, fromRole, clientMsgId) {
      const r = await one<MessageRow>({ ...TX_SQL.byClientId, values: [chatId, fromRole, clientMsgId] });
      return r && toMessage(r);
    },
    openChatsOf: async (username) =>
      (await count(`SELECT count(*) AS n FROM chats WHERE agent_username = $1 AND status = 'active'`, [username]))!,
    async chatsOf(username): Promise<ChatRecord[]> {
      const sql = `SELECT * FROM chats WHERE agent_username = $1 AND status = 'active' ORDER BY started_at, id`;
      return (await pool.query<ChatRow>(sql, [username])).rows.map(toChat);
    },

    async touchVisitors(chatIds, now) {
      if (!chatIds.length) return;
      const sql = `UPDATE chats SET visitor_seen_at = $2
                   WHERE id = ANY($1) AND status <> 'ended' AND visitor_seen_at < $2`;
      await pool.query(sql, [chatIds, now]);
    },
    async staleChats(limits) {
      const sql = `SELECT id, reason
                   FROM (SELECT id, ${staleReason('$1', '$2')} AS reason FROM chats WHERE status <> 'ended') s
                   WHERE reason IS NOT NULL`;
      const values = [limits.visitorGoneBefore, limits.idleBefore ?? null];
      return (await pool.query<{ id: string; reason: StaleReason }>(sql, values)).rows;
    },

    async unansweredChats(before) {
      return (await pool.query<{ id: string }>(UNANSWERED_SQL, [before])).rows.map((r) => r.id);
    },

    countRoutable: async (liveAfter) =>
      (await count(
        `SELECT count(*) AS n FROM accounts a WHERE a.status = 'online' AND ${connected('a.username', '$1')}`,
        [liveAfter],
      ))!,
    async routableAgents(liveAfter) {
      return (await pool.query<RoutableRow>(ROUTABLE, [liveAfter])).rows.map((r) => ({
        username: r.username,
        name: r.name,
        maxChats: r.max_chats,
        openChats: Number(r.open_chats),
        lastAssignedAt: Number(r.last_assigned_at),
      }));
    },
    async isConnected(username, liveAfter) {
      return (await pool.query<{ yes: boolean }>(`SELECT ${connected('$1', '$2')} AS yes`, [username, liveAfter]))
        .rows[0]!.yes;
    },
    async heartbeat(nodeId, startedAt, now) {
      const sql = `INSERT INTO nodes (id, started_at, seen_at) VALUES ($1, $2, $3)
                   ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at`;
      await pool.query(sql, [nodeId, startedAt, now]);
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
        await c.query('UPDATE presence SET connected = false, left_at = $2 WHERE node_id = $1 AND connected', [
          nodeId,
          now,
        ]);
        await c.query('DELETE FROM nodes WHERE id = $1', [nodeId]);
      });
    },
    countLiveNodes: async (liveAfter) =>
      (await count('SELECT count(*) AS n FROM nodes WHERE seen_at > $1', [liveAfter]))!,
    async forgetNodes(before) {
      await inTransaction(pool, async (c) => {
        await c.query('DELETE FROM nodes WHERE seen_at < $1', [before]);
        const sql = `DELETE FROM presence p
                     WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = p.node_id) AND COALESCE(p.left_at, 0) < $1`;
        await c.query(sql, [before]);
      });
    },
    async agentsAway(liveAfter, goneBefore) {
      // Each agent holding chats is looked at once, however many chats it holds.
      const sql = `SELECT a.username
                   FROM (SELECT DISTINCT agent_username AS username FROM chats WHERE status = 'active') a
                   WHERE ${away('a.username', '$1', '$2')}`;
      return (await pool.query<{ username: string }>(sql, [liveAfter, goneBefore])).rows.map((r) => r.username);
    },
  };
}
