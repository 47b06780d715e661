import type Database from 'better-sqlite3';
import type { ChatChange, ChatStore } from '../port.js';
import { toChat, toMessage, type ChatRow, type MessageRow } from '../rows.js';
import { toQueueEntry, type QueueEntryRow } from './chat-rows.js';
import type { GroupCommit } from './group-commit.js';

/** Queue entries, chats and transcripts on SQLite: reads here, writes through the group commit. */
export function chatQueries(db: Database.Database, writes: GroupCommit): ChatStore {
  const s = {
    queue: db.prepare<[], QueueEntryRow>('SELECT * FROM queue_entries ORDER BY front DESC, position'),
    // The last message number is read from the messages themselves (no per-message UPDATE).
    liveChats: db.prepare<[], ChatRow>(
      `SELECT c.*, MAX(c.last_seq, COALESCE((SELECT MAX(seq) FROM messages m WHERE m.chat_id = c.id), 0)) AS last_seq
       FROM chats c WHERE c.status <> 'ended'`,
    ),
    getChat: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?'),
    chatByEntry: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE queue_entry_id = ?'),
    transcript: db.prepare<[string, number], MessageRow>('SELECT * FROM messages WHERE chat_id = ? AND seq > ? ORDER BY seq'),
    byClientId: db.prepare<[string, string, string], MessageRow>(
      'SELECT * FROM messages WHERE chat_id = ? AND from_role = ? AND client_msg_id = ?',
    ),
  };
  return {
    async loadLiveState() {
      return { queue: s.queue.all().map(toQueueEntry), chats: s.liveChats.all().map(toChat) };
    },
    // Every write goes through the group commit, so writes keep the order they were asked in.
    removeQueueEntry: (id: string) => writes.apply({ removeQueueEntry: id }),
    applyChatChange: (change: ChatChange) => writes.apply(change),
    async getChat(id: string) {
      const r = s.getChat.get(id);
      return r && toChat(r);
    },
    async findChatByQueueEntry(entryId: string) {
      const r = s.chatByEntry.get(entryId);
      return r && toChat(r);
    },
    async findMessageByClientId(chatId: string, fromRole: string, clientMsgId: string) {
      const r = s.byClientId.get(chatId, fromRole, clientMsgId);
      return r && toMessage(r);
    },
    async getTranscript(chatId: string, afterSeq = 0) {
      return s.transcript.all(chatId, afterSeq).map(toMessage);
    },
  };
}
