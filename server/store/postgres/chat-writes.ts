import pg from 'pg';
import type { ChatChange, ChatRecord } from '../port.js';
import { CHAT_COLUMNS, MESSAGE_COLUMNS, chatValues, messageValues, queueEntryValues } from './rows.js';

const params = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const CHAT_KEYS = Object.keys(CHAT_COLUMNS) as (keyof ChatRecord)[];

// Named statements are prepared once per connection by pg, then only bound and executed.
export const SQL = {
  removeEntry: { name: 'sb_remove_entry', text: 'DELETE FROM queue_entries WHERE id = $1' },
  insertEntry: { name: 'sb_insert_entry', text: `INSERT INTO queue_entries (id, name, joined_at, front, position, chat_id) VALUES (${params(6)})` },
  insertChat: { name: 'sb_insert_chat', text: `INSERT INTO chats (${Object.values(CHAT_COLUMNS).join(', ')}) VALUES (${params(CHAT_KEYS.length)})` },
  insertMessage: { name: 'sb_insert_message', text: `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${params(12)})` },
};

export async function updateChat(client: pg.ClientBase, patch: NonNullable<ChatChange['updateChat']>) {
  const keys = CHAT_KEYS.filter((k) => k !== 'id' && patch[k as keyof typeof patch] !== undefined);
  if (!keys.length) return;
  await client.query({
    name: `sb_update_chat_${keys.join('_')}`,
    text: `UPDATE chats SET ${keys.map((k, i) => `${CHAT_COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
    values: [patch.id, ...keys.map((k) => patch[k as keyof typeof patch])],
  });
}

/** One change, in the same order of steps as the SQLite adapter. */
async function applyOne(client: pg.ClientBase, c: ChatChange) {
  if (c.removeQueueEntry) await client.query({ ...SQL.removeEntry, values: [c.removeQueueEntry] });
  if (c.insertChat) await client.query({ ...SQL.insertChat, values: chatValues(c.insertChat) });
  if (c.updateChat) await updateChat(client, c.updateChat);
  for (const m of c.messages ?? []) await client.query({ ...SQL.insertMessage, values: messageValues(m) });
  if (c.addQueueEntry) await client.query({ ...SQL.insertEntry, values: queueEntryValues(c.addQueueEntry) });
}

/** An error the server answered (the transaction rolled back, the connection is fine), as opposed to a lost connection. */
const isDatabaseError = (e: unknown) => e instanceof pg.DatabaseError;

async function transaction(client: pg.ClientBase, changes: ChatChange[]) {
  await client.query('BEGIN');
  try {
    for (const c of changes) await applyOne(client, c);
    await client.query('COMMIT');
  } catch (e) {
    if (isDatabaseError(e)) await client.query('ROLLBACK');
    throw e;
  }
}

/**
 * Applies a batch of chat changes on one connection: all in one transaction when they all succeed;
 * otherwise each in its own, so that one bad change does not sink the others. Gives, per change,
 * null or the error message. When the connection itself fails, `broken` is set: the changes from
 * there on are reported failed (their outcome is unknown) and the caller must replace the connection.
 */
export async function writeBatch(client: pg.ClientBase, changes: ChatChange[]): Promise<{ results: (string | null)[]; broken?: Error }> {
  try {
    await transaction(client, changes);
    return { results: changes.map(() => null) };
  } catch (e) {
    if (!isDatabaseError(e)) return { results: changes.map(() => (e as Error).message), broken: e as Error };
  }
  const results: (string | null)[] = [];
  for (const c of changes) {
    try {
      await transaction(client, [c]);
      results.push(null);
    } catch (e) {
      if (!isDatabaseError(e)) {
        while (results.length < changes.length) results.push((e as Error).message);
        return { results, broken: e as Error };
      }
      results.push((e as Error).message);
    }
  }
  return { results };
}
