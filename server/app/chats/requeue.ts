import { buildMessage } from '../../domain/chat-rules.js';
import type { OutEvent } from '../events.js';
import { pickAgent } from './candidates.js';
import { events as out, notes } from './common.js';
import type { ChatCtx } from './state.js';
import { transcriptOf } from './views.js';

/**
 * Sends every chat an agent holds back to the FRONT of the queue (logout, deletion, grace period
 * over), then hands them to agents with room. Call inside ctx.serialize.
 */
export async function requeueChatsOf(ctx: ChatCtx, username: string): Promise<OutEvent[]> {
  const events: OutEvent[] = [];
  const { deps, book, queue } = ctx;
  for (const chat of book.chatsOf(username).sort((a, b) => a.startedAt - b.startedAt)) {
    const now = deps.now();
    const agentName = chat.agent!.name;
    const note = buildMessage(chat, { role: 'system' }, notes.requeued(agentName), book.nextSeq(chat.id), deps.newId(), now);
    const position = ++ctx.positions.front;
    await deps.store.applyChatChange({
      updateChat: { id: chat.id, status: 'queued', agentUsername: null, agentName: null },
      messages: [note],
      addQueueEntry: { id: chat.id, name: chat.visitorName, joinedAt: now, front: true, position, chatId: chat.id },
    });
    book.assign(chat.id, null);
    queue.joinFront({ id: chat.id, name: chat.visitorName, joinedAt: now, chatId: chat.id }, now);
    deps.log.info({ chatId: chat.id, from: username }, 'chat requeued');
    events.push(...out.requeued(username, chat.id, note, queue.ahead(chat.id) ?? 0));
  }
  return [...events, ...(await dispatch(ctx))];
}

/**
 * Hands requeued chats at the front of the queue to agents with room, then tells the first fresh
 * visitor (if an agent has room for them) that it is their turn. Call inside ctx.serialize.
 */
export async function dispatch(ctx: ChatCtx): Promise<OutEvent[]> {
  const events: OutEvent[] = [];
  const { deps, book, queue } = ctx;
  ctx.onlineCount = undefined; // dispatch runs whenever who can take chats may have changed
  for (let head = queue.head(); head?.chatId; head = queue.head()) {
    const agent = await pickAgent(ctx);
    if (!agent) return events;
    const chat = book.get(head.chatId);
    if (!chat) {
      queue.remove(head.id);
      await deps.store.removeQueueEntry(head.id);
      continue;
    }
    const now = deps.now();
    const note = buildMessage(chat, { role: 'system' }, notes.joined(agent.name), book.nextSeq(chat.id), deps.newId(), now);
    await deps.store.applyChatChange({
      removeQueueEntry: head.id,
      updateChat: { id: chat.id, status: 'active', agentUsername: agent.username, agentName: agent.name },
      messages: [note],
    });
    queue.remove(head.id);
    book.assign(chat.id, { username: agent.username, name: agent.name });
    ctx.idleSince.set(agent.username, now);
    deps.log.info({ chatId: chat.id, to: agent.username }, 'requeued chat assigned');
    events.push(...out.handedOver(agent, chat, note, await transcriptOf(deps.store, chat.id)));
  }
  const head = queue.head();
  if (head && (await pickAgent(ctx))) {
    events.push(out.turn(head.id));
  }
  return events;
}
