import type Database from 'better-sqlite3';
import type { ChatChange, ChatRecord } from '../port.js';
import { CHAT_COLUMNS, fromMessage } from '../rows.js';
import { fromChat, fromQueueEntry } from './chat-rows.js';

/**
 * Applies batches of chat changes: all in one transaction when they all succeed; otherwise each on
 * its own, so that one bad change does not sink the others. Returns, per change, null or the error.
 */
export function chatWriter(db: Database.Database): (changes: ChatChange[]) => (string | null)[] {
  const s = {
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

  return (changes) => {
    try {
      applyAll(changes);
      return changes.map(() => null);
    } catch {
      return changes.map((c) => {
        try {
          applyAlone(c);
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      });
    }
  };
}
