import type pg from 'pg';
import type { MessageRecord } from '../../port.js';
import type { ChatTx, RoutingTx } from '../../shared-port.js';
import { SQL as WRITE, updateChat } from '../chat-writes.js';
import { chatValues, messageValues, toChat, toMessage, toQueueEntry, type ChatRow, type MessageRow, type QueueEntryRow } from '../rows.js';
import { AHEAD, ENTRY_COLUMNS, ROUTABLE, away, type RoutableRow } from './sql.js';

/** One chat's reads and writes inside a transaction on `client`. */
export function chatTx(client: pg.ClientBase): ChatTx {
  return {
    async lockChat(id) {
      const r = (await client.query<ChatRow>('SELECT * FROM chats WHERE id = $1 FOR UPDATE', [id])).rows[0];
      return r && toChat(r);
    },
    async messageByClientId(chatId, fromRole, clientMsgId) {
      const sql = 'SELECT * FROM messages WHERE chat_id = $1 AND from_role = $2 AND client_msg_id = $3';
      const r = (await client.query<MessageRow>(sql, [chatId, fromRole, clientMsgId])).rows[0];
      return r && toMessage(r);
    },
    async addMessages(messages: MessageRecord[]) {
      const top = new Map<string, number>();
      for (const m of messages) {
        await client.query({ ...WRITE.insertMessage, values: messageValues(m) });
        top.set(m.chatId, Math.max(top.get(m.chatId) ?? 0, m.seq));
      }
      for (const [id, seq] of top) await client.query('UPDATE chats SET last_seq = GREATEST(last_seq, $2) WHERE id = $1', [id, seq]);
    },
    updateChat: (patch) => updateChat(client, patch),
    async removeEntry(id) {
      await client.query({ ...WRITE.removeEntry, values: [id] });
    },
  };
}

/** Routing reads and writes inside the transaction that holds the routing lock. */
export function routingTx(client: pg.ClientBase): RoutingTx {
  return {
    ...chatTx(client),
    async entry(id) {
      const r = (await client.query<QueueEntryRow & { ahead: number }>(`SELECT me.*, ${AHEAD} AS ahead FROM queue_entries me WHERE me.id = $1 FOR UPDATE`, [id])).rows[0];
      return r && { entry: toQueueEntry(r), ahead: r.ahead };
    },
    async head() {
      const r = (await client.query<QueueEntryRow>('SELECT * FROM queue_entries ORDER BY front DESC, position LIMIT 1')).rows[0];
      return r && toQueueEntry(r);
    },
    async lockChatsOf(username) {
      const sql = `SELECT * FROM chats WHERE agent_username = $1 AND status = 'active' ORDER BY started_at, id FOR UPDATE`;
      return (await client.query<ChatRow>(sql, [username])).rows.map(toChat);
    },
    async routable(liveAfter) {
      return (await client.query<RoutableRow>(ROUTABLE, [liveAfter])).rows.map((r) => ({
        username: r.username, name: r.name, maxChats: r.max_chats, openChats: r.open_chats, lastAssignedAt: r.last_assigned_at,
      }));
    },
    async isAway(username, liveAfter, goneBefore) {
      return (await client.query<{ away: boolean }>(`SELECT ${away('$1', '$2', '$3')} AS away`, [username, liveAfter, goneBefore])).rows[0]!.away;
    },
    async insertChat(chat) {
      await client.query({ ...WRITE.insertChat, values: chatValues(chat) });
    },
    async addFrontEntry(chat, now) {
      const sql = `INSERT INTO queue_entries (${ENTRY_COLUMNS}) VALUES ($1, $2, $3, true, nextval('queue_front_seq'), $1, $3)`;
      await client.query(sql, [chat.id, chat.name, now]);
    },
    async markAssigned(username, now) {
      const sql = `INSERT INTO agent_routing (username, last_assigned_at) VALUES ($1, $2)
                   ON CONFLICT (username) DO UPDATE SET last_assigned_at = EXCLUDED.last_assigned_at`;
      await client.query(sql, [username, now]);
    },
  };
}
