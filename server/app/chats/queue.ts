import type { LiveChat } from '../../domain/chat-book.js';
import type { OutEvent } from '../events.js';
import { agentsOnline, pickAgent } from './candidates.js';
import { events as out, noAgentFree, notYourTurn, queueGone, resumeStarted } from './common.js';
import { dispatch } from './requeue.js';
import type { ChatCtx } from './state.js';

/** Appends a visitor to the back of the queue; the queue token's jti is the entry id. */
export async function joinQueue(ctx: ChatCtx, name: string, address: string) {
  await ctx.deps.limits.queueJoin(address);
  const { deps } = ctx;
  const id = deps.newId();
  const now = deps.now();
  // The place is taken synchronously (first come, first served); the row joins the next group
  // commit, ahead of anything that could remove it, since the store keeps the order of requests.
  ctx.queue.join({ id, name, joinedAt: now, chatId: null }, now);
  const ahead = ctx.queue.ahead(id)!;
  const [, { token }] = await Promise.all([
    deps.store.applyChatChange({ addQueueEntry: { id, name, joinedAt: now, front: false, position: ++ctx.positions.back, chatId: null } }).catch((e) => {
      ctx.queue.remove(id);
      throw e;
    }),
    deps.tokens.sign('queue', { name, jti: id }),
  ]);
  return { queueToken: token, ahead };
}

async function entryOf(ctx: ChatCtx, queueToken: string | undefined) {
  if (!queueToken) throw queueGone();
  return ctx.deps.tokens.verify('queue', queueToken);
}

/** `{ahead, agentsOnline}`; O(log n) in the queue length. Counts as a sign of life. */
export async function queueStatus(ctx: ChatCtx, queueToken: string | undefined) {
  const claims = await entryOf(ctx, queueToken);
  const ahead = ctx.queue.ahead(claims.jti);
  if (ahead === undefined) throw queueGone();
  ctx.queue.touch(claims.jti, ctx.deps.now());
  return { ahead, agentsOnline: await agentsOnline(ctx) };
}

/** A visitor leaves the queue on purpose (added to the contract: DELETE /api/queue). */
export async function leaveQueue(ctx: ChatCtx, queueToken: string | undefined): Promise<OutEvent[]> {
  const claims = await entryOf(ctx, queueToken);
  return ctx.serialize(async () => {
    if (!ctx.queue.has(claims.jti)) throw queueGone();
    await ctx.deps.store.removeQueueEntry(claims.jti);
    ctx.queue.remove(claims.jti);
    return dispatch(ctx);
  });
}

/** Drops fresh visitors who stopped polling and hold no /queue connection. */
export async function abandonExpired(ctx: ChatCtx): Promise<OutEvent[]> {
  return ctx.serialize(async () => {
    const now = ctx.deps.now();
    let dropped = 0;
    for (const item of ctx.queue.expired(now, ctx.deps.config.abandonAfter * 1000)) {
      // Requeued chats never expire this way; a visitor holding a /queue connection is still there.
      if (item.chatId || (ctx.queueSockets.get(item.id) ?? 0) > 0) {
        ctx.queue.touch(item.id, now);
        continue;
      }
      await ctx.deps.store.removeQueueEntry(item.id);
      ctx.queue.remove(item.id);
      dropped++;
    }
    if (dropped) ctx.deps.log.info({ dropped }, 'abandoned queue entries dropped');
    return dropped ? dispatch(ctx) : [];
  });
}

/**
 * Starts the chat of the visitor at the front: routed to the online agent with the fewest open chats.
 * Asking again with the same queue token answers the same chat (safe to retry).
 */
export async function startChat(ctx: ChatCtx, queueToken: string | undefined) {
  const claims = await entryOf(ctx, queueToken);
  return ctx.serialize(async () => {
    const { deps, queue, book } = ctx;
    const id = claims.jti;
    if (!queue.has(id)) return { value: await resumeStarted(deps, id), events: [] as OutEvent[] };
    const now = deps.now();
    queue.touch(id, now);
    const ahead = queue.ahead(id)!;
    if (ahead > 0) throw notYourTurn(ahead);
    const agent = await pickAgent(ctx);
    if (!agent) throw noAgentFree();
    const item = queue.get(id)!;
    const chat: LiveChat = {
      id: deps.newId(), visitorName: item.name, agent: { username: agent.username, name: agent.name },
      status: 'active', startedAt: now, lastSeq: 0, queueEntryId: id,
    };
    await deps.store.applyChatChange({
      removeQueueEntry: id,
      insertChat: {
        id: chat.id, visitorName: chat.visitorName, agentUsername: agent.username, agentName: agent.name, status: 'active',
        startedAt: now, endedAt: null, endedBy: null, lastSeq: 0, queueEntryId: id,
      },
    });
    queue.remove(id);
    book.add(chat);
    ctx.idleSince.set(agent.username, now);
    deps.log.info({ chatId: chat.id, agent: agent.username }, 'chat started');
    const { token } = await deps.tokens.sign('user', { name: chat.visitorName, chatId: chat.id });
    const events = [
      out.started(agent.username, chat),
      ...(await dispatch(ctx)),
    ];
    return { value: { userToken: token, chatId: chat.id, agent: { name: agent.name } }, events };
  });
}
