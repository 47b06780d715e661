import type { ChatRecord } from '../../../store/port.js';
import type { OutEvent } from '../../events.js';
import { events as out, noAgentFree, notYourTurn, queueGone, resumeStarted } from '../common.js';
import { agentsOnline, liveAfter, pick, type SharedCtx } from './context.js';
import { dispatch, dispatchEvents, dispatchIn } from './routing.js';

async function entryOf(ctx: SharedCtx, queueToken: string | undefined) {
  if (!queueToken) throw queueGone();
  return ctx.deps.tokens.verify('queue', queueToken);
}

/**
 * Appends a visitor to the back of the queue (a place from a database sequence). The `ahead` it
 * answers counts the entries committed before; joins on one node are exact, while a join committing
 * on another node in the same instant may be missed (the next status poll counts it).
 */
export async function joinQueue(ctx: SharedCtx, name: string, address: string) {
  const { deps } = ctx;
  await deps.limits.queueJoin(address);
  const id = deps.newId();
  const [ahead, { token }] = await Promise.all([
    ctx.joins(() => ctx.store.join({ id, name, joinedAt: deps.now() })),
    deps.tokens.sign('queue', { name, jti: id }),
  ]);
  return { queueToken: token, ahead };
}

/** `{ahead, agentsOnline}`, counted in the database. Counts as a sign of life. */
export async function queueStatus(ctx: SharedCtx, queueToken: string | undefined) {
  const claims = await entryOf(ctx, queueToken);
  const ahead = await ctx.store.poll(claims.jti, ctx.deps.now());
  if (ahead === undefined) throw queueGone();
  return { ahead, agentsOnline: await agentsOnline(ctx) };
}

export async function leaveQueue(ctx: SharedCtx, queueToken: string | undefined): Promise<OutEvent[]> {
  const claims = await entryOf(ctx, queueToken);
  if (!(await ctx.store.removeFreshEntry(claims.jti))) throw queueGone();
  return dispatch(ctx);
}

/** Drops fresh visitors without a sign of life (polls, or a /queue connection on any node). */
export async function abandonExpired(ctx: SharedCtx): Promise<OutEvent[]> {
  const dropped = await ctx.store.dropAbandoned(ctx.deps.now() - ctx.deps.config.abandonAfter * 1000);
  if (!dropped) return [];
  ctx.deps.log.info({ dropped }, 'abandoned queue entries dropped');
  return dispatch(ctx);
}

/**
 * Starts the chat of the visitor at the front, in one routing transaction: the entry is locked,
 * the agent picked from loads read under the routing lock, the chat inserted and the entry deleted.
 */
export async function startChat(ctx: SharedCtx, queueToken: string | undefined) {
  const claims = await entryOf(ctx, queueToken);
  const { deps } = ctx;
  const id = claims.jti;
  // Most calls come too early: answered from a plain count, without waiting for the routing lock.
  const early = await ctx.store.aheadOf(id);
  if (early) throw notYourTurn(early);
  const started = await ctx.store.routing(async (tx) => {
    const found = await tx.entry(id);
    if (!found) return undefined;
    if (found.ahead > 0) throw notYourTurn(found.ahead);
    const agent = pick(ctx, await tx.routable(liveAfter(ctx)));
    if (!agent) throw noAgentFree();
    const now = deps.now();
    const chat: ChatRecord = {
      id: deps.newId(), visitorName: found.entry.name, agentUsername: agent.username, agentName: agent.name, status: 'active',
      startedAt: now, endedAt: null, endedBy: null, lastSeq: 0, queueEntryId: id,
    };
    await tx.removeEntry(id);
    await tx.insertChat(chat);
    await tx.markAssigned(agent.username, now);
    // The next one's turn is decided in the same transaction.
    return { chat, agent, next: await dispatchIn(ctx, tx) };
  });
  if (!started) return { value: await resumeStarted(deps, id), events: [] as OutEvent[] };
  const { chat, agent } = started;
  deps.log.info({ chatId: chat.id, agent: agent.username }, 'chat started');
  const { token } = await deps.tokens.sign('user', { name: chat.visitorName, chatId: chat.id });
  const events = [out.started(agent.username, chat), ...(await dispatchEvents(ctx, started.next))];
  return { value: { userToken: token, chatId: chat.id, agent: { name: agent.name } }, events };
}
