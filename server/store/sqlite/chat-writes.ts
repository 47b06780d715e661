import type Database from 'better-sqlite3';
import type { ChatPatch, ChatRecord } from '../../domain/records.js';
import type { ChatOp } from '../memory/chat-log.js';
import { CHAT_COLUMNS, fromMessage } from '../rows.js';
import { fromChat, fromQueueEntry } from './chat-rows.js';

/**
 * Commits batches of transactions (each a list of writes): all in one SQLite transaction when they
 * all succeed; otherwise each on its own, so that one bad transaction does not sink the others.
 * Returns, per transaction, null or the error.
 */
export function chatWriter(db: Database.Database): (units: ChatOp[][]) => (string | null)[] {
  const s = {
    insertEntry: db.prepare(
      `INSERT INTO queue_entries (id, name, joined_at, front, position, chat_id)
       VALUES (@id, @name, @joined_at, @front, @position, @chat_id)`,
    ),
    removeEntry: db.prepare<[string]>('DELETE FROM queue_entries WHERE id = ?'),
    insertChat: db.prepare(
      `INSERT INTO chats (${Object.values(CHAT_COLUMNS).join(', ')})
       VALUES (${Object.values(CHAT_COLUMNS)
         .map((c) => `@${c}`)
         .join(', ')})`,
    ),
    passOver: db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO chat_passed_over (chat_id, username, at) VALUES (?, ?, ?)',
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (id, chat_id, seq, from_role, from_name, from_username, to_role, to_name, to_username,
         body, sent_at, client_msg_id, internal)
       VALUES (@id, @chat_id, @seq, @from_role, @from_name, @from_username, @to_role, @to_name, @to_username,
         @body, @sent_at, @client_msg_id, @internal)`,
    ),
  };
  const updates = new Map<string, Database.Statement>();
  const updateChat = (patch: ChatPatch) => {
    const keys = (Object.keys(patch) as (keyof ChatRecord)[]).filter(
      (k) => k !== 'id' && patch[k as keyof ChatPatch] !== undefined,
    );
    if (!keys.length) return;
    const sql = `UPDATE chats SET ${keys.map((k) => `${CHAT_COLUMNS[k]} = @${k}`).join(', ')} WHERE id = @id`;
    const stmt = updates.get(sql) ?? db.prepare(sql);
    updates.set(sql, stmt);
    stmt.run(patch);
  };
  const applyOp = (op: ChatOp) => {
    switch (op.op) {
      case 'insertEntry':
        return void s.insertEntry.run(fromQueueEntry(op.entry));
      case 'removeEntry':
        return void s.removeEntry.run(op.id);
      case 'insertChat':
        return void s.insertChat.run(fromChat(op.chat));
      case 'updateChat':
        return updateChat(op.patch);
      case 'insertMessage':
        return void s.insertMessage.run(fromMessage(op.message));
      case 'passOver':
        return void s.passOver.run(op.chatId, op.username, op.at);
    }
  };
  const applyAll = db.transaction((units: ChatOp[][]) => {
    for (const unit of units) unit.forEach(applyOp);
  });
  const applyAlone = db.transaction((unit: ChatOp[]) => unit.forEach(applyOp));

  return (units) => {
    try {
      applyAll(units);
      return units.map(() => null);
    } catch {
      return units.map((unit) => {
        try {
          applyAlone(unit);
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      });
    }
  };
}
