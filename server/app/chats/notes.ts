import { systemNote, type Note } from '../../domain/messages.js';
import type { ChatRecord, MessageRecord } from '../../domain/records.js';
import type { ChatTx } from '../ports/chat-store.js';
import type { ChatCtx } from './context.js';

/** Writes a system note into a chat locked by `tx`, as its next message. */
export async function writeNote(ctx: ChatCtx, tx: ChatTx, chat: ChatRecord, note: Note): Promise<MessageRecord> {
  const record = systemNote(chat, note, { seq: chat.lastSeq + 1, id: ctx.deps.newId(), at: ctx.deps.now() });
  await tx.addMessages([record]);
  return record;
}
