import type Database from 'better-sqlite3';
import type { ChatChange, ChatRecord, ChatStore } from '../port.js';
import {
  CHAT_COLUMNS, fromChat, fromMessage, fromQueueEntry, toChat, toMessage, toQueueEntry,
  type ChatRow, type MessageRow, type QueueEntryRow,
} from './chat-rows.js';

/** Queue entries, chats and transcripts on SQLite; each ChatChange is one transaction. */
export function chatQueries(db: Database.Database): ChatStore & { flushPending(): void } {
  const s = {
    queue: db.prepare<[], QueueEntryRow>('SELECT * FROM queue_entries ORDER BY front DESC, position'),
    // The last message number is read from the messages themselves (no per-message UPDATE).
    liveChats: db.prepare<[], ChatRow>(
      `SELECT c.*, MAX(c.last_seq, COALESCE((SELECT MAX(seq) FROM messages m WHERE m.chat_id = c.id), 0)) AS last_seq
       FROM chats c WHERE c.status <> 'ended'`,
    ),
    insertEntry: db.prepare(
      'INSERT INTO queue_entries (id, name, joined_at, front, position, chat_id) VALUES (@id, @name, @joined_at, @front, @position, @chat_id)',
    ),
    removeEntry: db.prepare<[string]>('DELETE FROM queue_entries WHERE id = ?'),
    insertChat: db.prepare(
      `INSERT INTO chats (${Object.values(CHAT_COLUMNS).join(', ')}) VALUES (${Object.values(CHAT_COLUMNS).map((c) => '@' + c).join(', ')})`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (id, chat_id, seq, from_role, from_name, from_username, to_role, to_name, to_username, body, sent_at, client_msg_id)
       VALUES (@id, @chat_id, @seq, @from_role, @from_name, @from_username, @to_role, @to_name, @to_username, @body, @sent_at, @client_msg_id)`,
    ),
    getChat: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE id = ?'),
    chatByEntry: db.prepare<[string], ChatRow>('SELECT * FROM chats WHERE queue_entry_id = ?'),
    transcript: db.prepare<[string, number], MessageRow>('SELECT * FROM messages WHERE chat_id = ? AND seq > ? ORDER BY seq'),
    byClientId: db.prepare<[string, string, string], MessageRow>(
      'SELECT * FROM messages WHERE chat_id = ? AND from_role = ? AND client_msg_id = ?',
    ),
  };
  const updates = new Map<string, Database.Statement>();
  const updateChat = (patch: NonNullable<ChatChange['updateChat']>) => {
    const keys = Object.keys(patch).filter((k) => k !== 'id' && patch[k as keyof typeof patch] !== undefined) as (keyof ChatRecord)[];
    if (!keys.length) return;
    const sql = `UPDATE chats SET ${keys.map((k) => `${CHAT_COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`;
    let stmt = updates.get(sql);
    if (!stmt) updates.set(sql, (stmt = db.prepare(sql)));
    stmt.run(patch);
  };
  const applyOne = (c: ChatChange) => {
    if (c.removeQueueEntry) s.removeEntry.run(c.removeQueueEntry);
    if (c.insertChat) s.insertChat.run(fromChat(c.insertChat));
    if (c.updateChat) updateChat(c.updateChat);
    for (const m of c.messages ?? []) s.insertMessage.run(fromMessage(m));
    if (c.addQueueEntry) s.insertEntry.run(fromQueueEntry(c.addQueueEntry));
  };
  const applyAll = db.transaction((changes: ChatChange[]) => changes.forEach(applyOne));
  const applyAlone = db.transaction(applyOne);

  // Group commit: changes asked for in the same turn of the event loop share one transaction (one
  // fsync), in the order they were asked for; each caller's promise settles after the commit.
  let pending: { change: ChatChange; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      applyAll(batch.map((b) => b.change));
      for (const b of batch) b.resolve();
    } catch {
      // One bad change must not sink the others: retry each on its own.
      for (const b of batch) {
        try {
          applyAlone(b.change);
          b.resolve();
        } catch (e) {
          b.reject(e);
        }
      }
    }
  };

  return {
    /** Commits what is waiting now (before closing the database). */
    flushPending: flush,
    async loadLiveState() {
      return { queue: s.queue.all().map(toQueueEntry), chats: s.liveChats.all().map(toChat) };
    },
    async removeQueueEntry(id: string) {
      s.removeEntry.run(id);
    },
    applyChatChange(change: ChatChange) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ change, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
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
