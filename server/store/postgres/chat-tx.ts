import type pg from 'pg';
import type { ChatTx, RoutingTx, StaleReason } from '../../app/ports/chat-store.js';
import type { ChatPatch, ChatRecord, MessageRecord } from '../../domain/records.js';
import {
  CHAT_COLUMNS,
  chatValues,
  messageValues,
  MESSAGE_COLUMNS,
  toChat,
  toMessage,
  toQueueEntry,
  type ChatRow,
  type MessageRow,
  type QueueEntryRow,
} from './rows.js';
import { AHEAD, away, ENTRY_COLUMNS, ROUTABLE, staleReason, type RoutableRow } from './sql.js';

const params = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const CHAT_KEYS = Object.keys(CHAT_COLUMNS) as (keyof ChatRecord)[];

// Named statements are prepared once per connection by pg, then only bound and executed.
export const SQL = {
  byClientId: {
    name: 'sb_by_client_id',
    text: 'SELECT * FROM messages WHERE chat_id = $1 AND from_role = $2 AND client_msg_id = $3',
  },
  lockChat: { name: 'sb_lock_chat', text: 'SELECT * FROM chats WHERE id = $1 FOR UPDATE' },
  insertMessage: {
    name: 'sb_insert_message',
    text: `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${params(13)})`,
  },
  raiseSeq: {
    name: 'sb_raise_seq',
    text:
      'UPDATE chats SET last_seq = GREATEST(last_seq, $2), last_activity_at = GREATEST(last_activity_at, $3) ' +
      'WHERE id = $1',
  },
  removeEntry: { name: 'sb_remove_entry', text: 'DELETE FROM queue_entries WHERE id = $1' },
  insertChat: {
    name: 'sb_insert_chat',
    text: `INSERT INTO chats (${Object.values(CHAT_COLUMNS).join(', ')}) VALUES (${params(CHAT_KEYS.length)})`,
  },
};

/** One chat's reads and writes inside a transaction on `client`. */
export function chatTx(client: pg.ClientBase): ChatTx {
  return {
    async lockChat(id) {
      const r = (await client.query<ChatRow>({ ...SQL.lockChat, values: [id] })).rows[0];
      return r && toChat(r);
    },
    async messageByClientId(chatId, fromRole, clientMsgId) {
      const r = (await client.query<MessageRow>({ ...SQL.byClientId, values: [chatId, fromRole, clientMsgId] }))
        .rows[0];
      return r && toMessage(r);
    },
    async addMessages(messages: MessageRecord[]) {
      const top = new Map<string, { seq: number; at: number }>();
      for (const m of messages) {
        await client.query({ ...SQL.insertMessage, values: messageValues(m) });
        const t = top.get(m.chatId);
        // v2: an internal note is no message between the sides (--idle-close-after does not count it).
        const at = m.internal ? (t?.at ?? 0) : Math.max(t?.at ?? 0, m.sentAt);
        top.set(m.chatId, { seq: Math.max(t?.seq ?? 0, m.seq), at });
      }
      for (const [id, t] of top) await client.query({ ...SQL.raiseSeq, values: [id, t.seq, t.at] });
    },
  };
}

async function updateChat(client: pg.ClientBase, patch: ChatPatch) {
  const keys = CHAT_KEYS.filter((k) => k !== 'id' && patch[k as keyof ChatPatch] !== undefined);
  if (!keys.length) return;
  await client.query({
    name: `sb_update_chat_${keys.join('_')}`,
    text: `UPDATE chats SET ${keys.map((k, i) => `${CHAT_COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
    values: [patch.id, ...keys.map((k) => patch[k as keyof ChatPatch])],
  });
}

/** Routing reads and writes inside the transaction that holds the routing lock. */
export function routingTx(client: pg.ClientBase): RoutingTx {
  return {
    ...chatTx(client),
    async entry(id) {
      const sql = `SELECT me.*, ${AHEAD} AS ahead FROM queue_entries me WHERE me.id = $1 FOR UPDATE`;
      const r = (await client.query<QueueEntryRow & { ahead: number }>(sql, [id])).rows[0];
      return r && { entry: toQueueEntry(r), ahead: r.ahead };
    },
    async head() {
      const r = (await client.query<QueueEntryRow>('SELECT * FROM queue_entries ORDER BY front DESC, position LIMIT 1'))
        .rows[0];
      return r && toQueueEntry(r);
    },
    async removeEntry(id) {
      await client.query({ ...SQL.removeEntry, values: [id] });
    },
    async addFrontEntry(chat, now) {
      const sql = `INSERT INTO queue_entries (${ENTRY_COLUMNS})
                   VALUES ($1, $2, $3, true, nextval('queue_front_seq'), $1, $3)`;
      await client.query(sql, [chat.id, chat.name, now]);
    },
    async lockChatsOf(username) {
      const sql = `SELECT * FROM chats WHERE agent_username = $1 AND status = 'active'
                   ORDER BY started_at, id FOR UPDATE`;
      return (await client.query<ChatRow>(sql, [username])).rows.map(toChat);
    },
    async chatsOf(username) {
      const sql = `SELECT * FROM chats WHERE agent_username = $1 AND status = 'active' ORDER BY started_at, id`;
      return (await client.query<ChatRow>(sql, [username])).rows.map(toChat);
    },
    async routable(liveAfter) {
      return (await client.query<RoutableRow>(ROUTABLE, [liveAfter])).rows.map((r) => ({
        username: r.username,
        name: r.name,
        maxChats: r.max_chats,
        openChats: r.open_chats,
        lastAssignedAt: r.last_assigned_at,
      }));
    },
    async isAway(username, liveAfter, goneBefore) {
      const sql = `SELECT ${away('$1', '$2', '$3')} AS away`;
      return (await client.query<{ away: boolean }>(sql, [username, liveAfter, goneBefore])).rows[0]!.away;
    },
    async insertChat(chat) {
      await client.query({ ...SQL.insertChat, values: chatValues(chat) });
    },
    updateChat: (patch) => updateChat(client, patch),
    async staleness(chatId, limits) {
      const sql = `SELECT ${staleReason('$2', '$3')} AS reason FROM chats WHERE id = $1 AND status <> 'ended'`;
      const values = [chatId, limits.visitorGoneBefore, limits.idleBefore ?? null];
      const r = (await client.query<{ reason: StaleReason | null }>(sql, values)).rows[0];
      return r?.reason ?? undefined;
    },
    async passedOver(chatId) {
      const sql = 'SELECT username FROM chat_passed_over WHERE chat_id = $1 ORDER BY at';
      return (await client.query<{ username: string }>(sql, [chatId])).rows.map((r) => r.username);
    },
    async addPassedOver(chatId, username, at) {
      const sql = 'INSERT INTO chat_passed_over (chat_id, username, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING';
      await client.query(sql, [chatId, username, at]);
    },
    async markAssigned(username, now) {
      const sql = `INSERT INTO agent_routing (username, last_assigned_at) VALUES ($1, $2)
                   ON CONFLICT (username) DO UPDATE SET last_assigned_at = EXCLUDED.last_assigned_at`;
      await client.query(sql, [username, now]);
    },
  };
}
