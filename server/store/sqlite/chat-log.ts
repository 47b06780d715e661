import type Database from 'better-sqlite3';
import type { MessageRecord } from '../../domain/records.js';
import type { ChatLog } from '../memory/chat-log.js';
import { toChat, toMessage, UNANSWERED_SQL, type ChatRow, type MessageRow } from '../rows.js';
import { toQueueEntry, type QueueEntryRow } from './chat-rows.js';
import type { GroupCommit } from './group-commit.js';

/** The one-node chat store's log on SQLite: reads on this thread, writes through the group commit. */
export function sqliteChatLog(db: Database.Database, writes: GroupCommit): ChatLog {
  const s = {
    queue: db.prepare<[], QueueEntryRow>('SELECT * FROM queue_entries ORDER BY front DESC, position'),
    // The last message number is read from the messages themselves (no per-message UPDATE).
    liveChats: db.prepare<[], ChatRow>(
      `SELECT c.*, MAX(c.last_seq, COALESCE((SELECT MAX(seq) FROM messages m WHERE m.chat_id = c.id), 0)) AS last_seq
       FROM chats c WHERE c.status <> 'ended'`,
    ),
    getChat: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?'),
    chatByEntry: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE queue_entry_id = ?'),
    transcript: db.prepare<[string, number], MessageRow>(
      'SELECT * FROM messages WHERE chat_id = ? AND seq > ? ORDER BY seq',
    ),
    passedOver: db.prepare<[string], { username: string }>(
      'SELECT username FROM chat_passed_over WHERE chat_id = ? ORDER BY at',
    ),
    unanswered: db.prepare<[number], { id: string }>(UNANSWERED_SQL.replace('$1', '?')),
    byClientId: db.prepare<[string, string, string], MessageRow>(
      'SELECT * FROM messages WHERE chat_id = ? AND from_role = ? AND client_msg_id = ?',
    ),
  };
  return {
    write: (ops) => writes.apply(ops),
    idle: () => writes.idle(),
    settled: () => writes.settled(),
    loadLive: () => ({ queue: s.queue.all().map(toQueueEntry), chats: s.liveChats.all().map(toChat) }),
    getChat(id) {
      const r = s.getChat.get(id);
      return r && toChat(r);
    },
    chatByEntry(entryId) {
      const r = s.chatByEntry.get(entryId);
      return r && toChat(r);
    },
    transcript: (chatId, afterSeq) => s.transcript.all(chatId, afterSeq).map(toMessage),
    passedOver: (chatId) => s.passedOver.all(chatId).map((r) => r.username),
    unanswered: (before) => s.unanswered.all(before).map((r) => r.id),
    messageByClientId(chatId: string, fromRole: MessageRecord['fromRole'], clientMsgId: string) {
      const r = s.byClientId.get(chatId, fromRole, clientMsgId);
      return r && toMessage(r);
    },
  };
}
