import { chatFor, isOwnMessage } from '../../domain/chat-access.js';
import { internalNote } from '../../domain/internal-notes.js';
import { messageView } from '../../domain/messages.js';
import type { MessageRecord } from '../../domain/records.js';
import type { SendReply } from '../../protocol/events.js';
import { AppError } from '../../protocol/errors.js';
import { toAgent, type Outcome } from '../events.js';
import type { ChatCtx } from './context.js';

type Author = { role: 'agent'; username: string; name: string };

const duplicate = (m: MessageRecord): Outcome<SendReply> => ({
  value: { message: messageView(m), duplicate: true },
  events: [],
});

/** The agent's key names one of its messages (or another agent's): a note needs a key of its own. */
const keyTaken = () => new AppError('conflict', 'This clientMsgId names a message, not a note; use a new one.');

/**
 * v2: an internal note, written by the chat's current agent (`chat:note`, POST /api/chats/:id/notes).
 * Stored like a message — the chat locked, the next `seq`, committed before the answer, idempotent
 * by `clientMsgId` (the keys an agent uses for its messages and notes in one chat are one set) — and
 * delivered as `chat:message` (with `internal: true`) to the agent's sockets only, never to the
 * visitor. It counts against the agent's message rate limit.
 */
export function addNote(
  ctx: ChatCtx,
  actor: Author,
  chatId: string,
  body: string,
  clientMsgId?: string,
): Promise<Outcome<SendReply>> {
  const { deps, store } = ctx;
  const known = (m: MessageRecord | undefined) => {
    if (!m || !isOwnMessage(actor, chatId, m)) return undefined;
    if (!m.internal) throw keyTaken();
    return duplicate(m);
  };
  return ctx.perChat(chatId, async () => {
    const stored =
      clientMsgId !== undefined ? await store.findMessageByClientId(chatId, 'agent', clientMsgId) : undefined;
    const early = known(stored);
    if (early) return early;
    await deps.limits.message(`agent:${actor.username}`);
    return store.chat(async (tx) => {
      const record = await tx.lockChat(chatId);
      const again = clientMsgId !== undefined ? await tx.messageByClientId(chatId, 'agent', clientMsgId) : undefined;
      const retry = known(again);
      if (retry) return retry;
      const chat = chatFor(actor, chatId, record);
      if (again)
        throw new AppError('conflict', 'Another agent of this chat already used this clientMsgId; use a new one.');
      const stamp = { seq: chat.lastSeq + 1, id: deps.newId(), at: deps.now() };
      const note = internalNote(chat, actor, body, stamp, clientMsgId ?? null);
      await tx.addMessages([note]);
      const view = messageView(note);
      return { value: { message: view }, events: [toAgent(actor.username, 'chat:message', view)] };
    });
  });
}
