import type { ChatChange, ChatStore, MessageRecord } from '../port.js';
import { toChat, toMessage, toQueueEntry, type ChatRow, type MessageRow, type QueueEntryRow } from './rows.js';
import type { GroupCommit } from './group-commit.js';
import type { OrderedPool } from './in-order.js';

const SQL = {
  queue: 'SELECT * FROM queue_entries ORDER BY front DESC, position',
  // The last message number is read from the messages themselves (no per-message UPDATE).
  liveChats: `SELECT c.*, GREATEST(c.last_seq, COALESCE((SELECT MAX(seq) FROM messages m WHERE m.chat_id = c.id), 0)) AS last_seq
              FROM chats c WHERE c.status <> 'ended'`,
  getChat: { name: 'sb_get_chat', text: 'SELECT * FROM chats WHERE id = $1' },
  chatByEntry: { name: 'sb_chat_by_entry', text: 'SELECT * FROM chats WHERE queue_entry_id = $1' },
  transcript: { name: 'sb_transcript', text: 'SELECT * FROM messages WHERE chat_id = $1 AND seq > $2 ORDER BY seq' },
  byClientId: { name: 'sb_by_client_id', text: 'SELECT * FROM messages WHERE chat_id = $1 AND from_role = $2 AND client_msg_id = $3' },
};

/** Queue entries, chats and transcripts on PostgreSQL: reads through the pool (settling in call order), writes through the group commit. */
export function chatQueries(pool: OrderedPool, writes: GroupCommit): ChatStore {
  return {
    async loadLiveState() {
      const [queue, chats] = await Promise.all([pool.query<QueueEntryRow>(SQL.queue), pool.query<ChatRow>(SQL.liveChats)]);
      return { queue: queue.rows.map(toQueueEntry), chats: chats.rows.map(toChat) };
    },
    // Every write goes through the group commit, so writes keep the order they were asked in.
    removeQueueEntry: (id: string) => writes.apply({ removeQueueEntry: id }),
    applyChatChange: (change: ChatChange) => writes.apply(change),
    async getChat(id: string) {
      const r = (await pool.query<ChatRow>({ ...SQL.getChat, values: [id] })).rows[0];
      return r && toChat(r);
    },
    async findChatByQueueEntry(entryId: string) {
      const r = (await pool.query<ChatRow>({ ...SQL.chatByEntry, values: [entryId] })).rows[0];
      return r && toChat(r);
    },
    async findMessageByClientId(chatId: string, fromRole: MessageRecord['fromRole'], clientMsgId: string) {
      const r = (await pool.query<MessageRow>({ ...SQL.byClientId, values: [chatId, fromRole, clientMsgId] })).rows[0];
      return r && toMessage(r);
    },
    async getTranscript(chatId: string, afterSeq = 0) {
      return (await pool.query<MessageRow>({ ...SQL.transcript, values: [chatId, afterSeq] })).rows.map(toMessage);
    },
  };
}
